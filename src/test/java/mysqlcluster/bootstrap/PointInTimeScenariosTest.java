package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.TestStacks;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A point-in-time restore's core on each engine, on real servers: a copy of a datadir taken at a known GTID set (the
 * backup), the primary's closed binary logs after it (the archive) indexed by binlog-index.sh, restore-plan.sh's plan
 * for a moment between two rows, and replay-binlogs.sh applying it. Exactly the rows committed by that moment come
 * back, and the DROP TABLE after it does not; a plan across a missing file is refused.
 */
class PointInTimeScenariosTest {
    static final Path SCRIPTS = TestStacks.ROOT.resolve("src/main/resources/scripts");
    static final Duration CALL = Duration.ofMinutes(3);
    /** The pod's environment the scripts need here (ScriptEnv). */
    static final String PORT = "MYSQL_PORT=" + mysqlcluster.cluster.PodLayout.MYSQL_PORT;

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void replayingTheArchiveToAMomentBringsBackExactlyTheRowsCommittedBy(EngineVersion engine) throws IOException {
        var sts = cluster.startWithRows(engine, 2);
        var db = cluster.db();
        var primary = db.root(0);
        primary.query("CREATE TABLE app.p (id INT PRIMARY KEY) ENGINE=InnoDB");
        db.awaitCaughtUp(1);
        // the backup: the replica's datadir, stopped, at the set it had applied
        String backupSet = db.replicaGtid(1);
        sts.scaleTo(1, ScenarioCluster.READY);
        Path backup = cluster.volume(1).resolve("mysql");

        primary.query("FLUSH BINARY LOGS");
        var starts = new ArrayList<Instant>();
        for (int row = 1; row <= 3; row++) {
            BinlogIndexScenariosTest.sleep(1100); // MariaDB's events carry whole seconds
            starts.add(Instant.now());
            primary.query("INSERT INTO app.p VALUES (" + row + ")");
            primary.query("FLUSH BINARY LOGS");
        }
        primary.query("DROP TABLE app.p");
        primary.query("FLUSH BINARY LOGS");
        // just before the second in which row 3 began: after row 2's commit, before row 3's, at either precision
        Instant target = starts.get(2).truncatedTo(ChronoUnit.SECONDS).minusNanos(1000);

        Path work = sts.runDirectory().resolve("restore");
        Path archive = Files.createDirectories(work.resolve("archive"));
        var logs = primary.rows("SHOW BINARY LOGS").stream().map(r -> r.get(0)).toList();
        var indexes = new ArrayList<Path>();
        for (String name : logs.subList(0, logs.size() - 1)) { // the last one is still written to
            Path file = Files.copy(sts.datadir(0).resolve(name), archive.resolve(name));
            var index = BinlogIndexScenariosTest.index(sts, file);
            assertEquals(0, index.exit(), index.err());
            indexes.add(Files.writeString(archive.resolve(name + ".index"), index.out()));
        }

        Host.check("chown", "-R", "999:999", archive.toString());
        var plan = plan(sts, backupSet, "time:" + BinlogIndexScenariosTest.micros(target), indexes);
        assertEquals(0, plan.exit(), plan.err());
        System.out.println("restore-plan.sh for " + engine + " at " + target + ":\n" + plan.out().strip());
        Path planFile = Files.writeString(work.resolve("plan"), plan.out());

        Path restored = work.resolve("datadir");
        copyTree(backup, restored);
        var replay = serverCommand(sts, engine, work).bind(archive, "/archive", true).bind(planFile, "/plan", true)
                .bind(restored, "/restore", false)
                .run(List.of("env", "CONFIG_DIR=/config", PORT, "bash", "/config/replay-binlogs.sh", "/restore", "/archive", "/plan"), null, CALL);
        assertEquals(0, replay.exit(), replay.out() + replay.err());

        var rows = serverCommand(sts, engine, work).bind(restored, "/restore", false)
                .run(List.of("env", "CONFIG_DIR=/config", PORT, "bash", "/config/sql-on-datadir.sh", "/restore"),
                        "SELECT GROUP_CONCAT(id ORDER BY id) FROM app.p; SELECT COUNT(*) FROM app.t;", CALL);
        assertEquals(0, rows.exit(), rows.out() + rows.err());
        assertEquals(List.of("1,2", "1000"), rows.out().strip().lines().toList(),
                "rows 1 and 2 were committed by the target, row 3 and the DROP TABLE after it");

        // the archive without the file of row 2: the plan refuses to cross the gap
        var gap = new ArrayList<>(indexes);
        gap.remove(indexes.size() - 3);
        var refused = plan(sts, backupSet, "latest", gap);
        assertNotEquals(0, refused.exit(), refused.out());
        assertTrue(refused.err().contains("gap before"), refused.err());
    }

    /** restore-plan.sh, as the uploader image runs it. */
    static Host.Result plan(EmulatedStatefulSet sts, String backupSet, String target, List<Path> indexes) {
        var files = new java.util.LinkedHashMap<Path, String>();
        var args = new ArrayList<>(List.of(backupSet, target));
        for (Path index : indexes) {
            files.put(index, "/indexes/" + index.getFileName());
            args.add("/indexes/" + index.getFileName());
        }
        return UploaderScript.run(sts, "restore-plan.sh", files, args);
    }

    /** A container of the server image as the pods' user, with the scripts the pods get at /config. */
    static ImageCommand serverCommand(EmulatedStatefulSet sts, EngineVersion engine, Path work) throws IOException {
        Path config = work.resolve("config");
        if (!Files.isDirectory(config)) {
            Files.createDirectories(config);
            try (var scripts = Files.list(SCRIPTS)) {
                for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    Files.copy(script, config.resolve(script.getFileName()));
                }
            }
            Files.copy(SCRIPTS.resolve("engine/" + engine.engine().id() + ".sh"), config.resolve("engine.sh"));
            Files.copy(ImageStandIn.harnessFile("sql-on-datadir.sh"), config.resolve("sql-on-datadir.sh"));
        }
        return new ImageCommand(sts, sts.clientNamespace()).asPodUser().bind(config, "/config", true);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Host.check("chown", "-R", "999:999", to.toString());
    }
}
