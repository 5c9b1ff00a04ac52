package mysqlcluster.bootstrap;

import static mysqlcluster.bootstrap.ScenarioCluster.CLONE;
import static mysqlcluster.bootstrap.ScenarioCluster.CLONE_MARKER;
import static mysqlcluster.bootstrap.ScenarioCluster.INIT_MARKER;
import static mysqlcluster.bootstrap.ScenarioCluster.READY;
import static mysqlcluster.bootstrap.ScenarioCluster.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How each pod gets its datadir (pod 0 initialised, pod N cloned from pod N-1), on real servers in the emulated
 * StatefulSet, once per engine of the matrix; and what happens when that is cut short or impossible.
 */
class CloneScenariosTest {
    /** clone.sh's log line once every byte of the clone is in, before it is finished and marked. */
    static final String FINISHING = "finishing the clone in";

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void freshClusterClonesInChainAndReplicatesWithGtid(EngineVersion engine) throws IOException {
        var sts = cluster.start(engine);
        var db = cluster.db();
        sts.scaleTo(1, READY);
        db.createTable("t");
        db.createTable("w");
        db.insertRows("t", 1, 1000);

        // pods 1 and 2 clone (2 from 1, a replica) while a writer commits to the primary
        try (var writer = new Writer(db.app(0), "w", 1)) {
            writer.awaitCommits(5);
            sts.scaleTo(3, READY);
            writer.awaitCommits(5);
            writer.close();
            assertEquals(0, writer.failures(), "the writer never failed");

            db.insertRows("t", 1001, 10_000);
            db.awaitCaughtUp(1, 2);

            List<Integer> all = List.of(0, 1, 2);
            db.assertSameData("t", 11_000, all);
            db.assertSameData("w", writer.committed().size(), all);
        }
        String primaryGtid = db.primaryGtid();
        for (int replica : List.of(1, 2)) {
            db.assertReplicating(replica);
            assertEquals(primaryGtid, db.replicaGtid(replica), "GTID position of pod " + replica);
            String marker = Files.readString(sts.datadir(replica).resolve(CLONE_MARKER));
            assertTrue(marker.startsWith("from " + sts.pod(replica - 1).host() + " "), "pod " + replica
                    + " was cloned from the pod before it: " + marker);
            assertEquals("1", db.root(replica).value("SELECT @@read_only"));
            var refused = db.app(replica).execute("INSERT INTO app.t (id, payload) VALUES (0, 'must not land')");
            assertFalse(refused.ok(), "pod " + replica + " refuses writes of an ordinary user");
            assertTrue(refused.err().contains("ERROR 1290"), "read-only refusal on pod " + replica + ": " + refused.err());
        }
        assertEquals("0", db.root(0).value("SELECT @@read_only"));
        assertEquals(List.of("100", "101", "102"), List.of(0, 1, 2).stream()
                .map(o -> db.root(o).value("SELECT @@server_id")).toList(), "server ids");
        long retention = BootstrapStack.settings(engine).server().binlogRetentionHours() * 3600L;
        for (int o : List.of(0, 1, 2)) {
            assertEquals(retention, db.root(o).number("SELECT @@binlog_expire_logs_seconds"), "binary log retention on pod " + o);
        }
        for (int o : List.of(0, 1, 2)) {
            assertEquals(sts.pod(o).name(), db.root(o).value("SELECT @@hostname"), "the hostname of pod " + o);
        }
        assertFalse(Files.exists(sts.datadir(0).resolve(CLONE_MARKER)), "the primary is never cloned");
        // the users the sidecar made on the primary reached the replicas through the binary log
        for (int o : List.of(0, 1, 2)) {
            String grants = db.root(o).value("SHOW GRANTS FOR 'replication'@'%'");
            assertTrue(grants.startsWith("GRANT REPLICATION SLAVE ON *.* TO `replication`@`%`"), "grants on pod " + o + ": " + grants);
            assertEquals(1, grants.lines().count(), "nothing but REPLICATION SLAVE on pod " + o + ": " + grants);
        }
        assertTheExporterRunsOnEveryPod(sts, db, engine);
    }

    /**
     * Each pod's exporter (Debian's mysqld_exporter as the image's entrypoint, with the rendered arguments and option
     * file) logs in to its own server as the exporter user and serves the replica status in the engine's naming.
     */
    private static void assertTheExporterRunsOnEveryPod(EmulatedStatefulSet sts, ClusterChecks db, EngineVersion engine) {
        boolean mysql = engine.engine() == mysqlcluster.settings.Engine.MYSQL;
        String ioRunning = mysql ? "mysql_slave_status_replica_io_running" : "mysql_slave_status_slave_io_running";
        // MariaDB shows REPLICATION CLIENT by its newer name, BINLOG MONITOR
        String globalGrants = mysql ? "GRANT PROCESS, REPLICATION CLIENT ON *.* TO `exporter`@`127.0.0.1`"
                : "GRANT PROCESS, BINLOG MONITOR, SLAVE MONITOR ON *.* TO `exporter`@`127.0.0.1`";
        for (int o : List.of(0, 1, 2)) {
            String metrics = ExporterMetrics.awaitSample(sts.pod(o), "mysql_up", "1", Duration.ofSeconds(60));
            if (o == 0) {
                assertFalse(metrics.contains("mysql_slave_status_"), "the primary replicates from nothing");
            } else {
                ExporterMetrics.awaitSample(sts.pod(o), ioRunning, "1", Duration.ofSeconds(30));
            }
            List<String> grants = db.root(o).value("SHOW GRANTS FOR 'exporter'@'127.0.0.1'").lines().toList();
            assertEquals(2, grants.size(), "pod " + o + ": " + grants);
            assertTrue(grants.get(0).startsWith(globalGrants), "pod " + o + ": " + grants);
            assertEquals("GRANT SELECT ON `performance_schema`.* TO `exporter`@`127.0.0.1`", grants.get(1), "pod " + o);
            assertEquals("3", db.root(o).value("SELECT max_user_connections FROM mysql.user"
                    + " WHERE user = 'exporter' AND host = '127.0.0.1'"), "pod " + o);
        }
        List<String> rendered = sts.template().container("exporter").args();
        assertTrue(sts.pod(1).current("exporter").findProcess(c -> c.get(0).endsWith("prometheus-mysqld-exporter")
                && c.subList(1, c.size()).equals(rendered)).isPresent(), "the exporter runs with the rendered arguments "
                + rendered);
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void cloneKilledHalfwayIsRedoneFromScratch(EngineVersion engine) throws IOException {
        var sts = cluster.start(engine, EmulatedStatefulSet.Options.defaults().withoutInitRestarts());
        var db = cluster.db();
        List<String> unmarkedStarts = cluster.serverStartsWithoutMarker();
        sts.scaleTo(1, READY);
        db.createTable("t");
        db.createTable("w");
        db.insertRows("t", 1, 100_000);

        // the receiving side, SIGKILLed halfway through the copy (the donor paused so that it is halfway)
        EmulatedPod pod1 = sts.createPod(1);
        Path scratch1 = cluster.scratch(1);
        Await.until(Duration.ofSeconds(120), "4 MB of the clone in " + scratch1, () -> ScenarioCluster.size(scratch1) > 4 << 20, pod1::describe);
        ProcessHandle donor = sts.pod(0).awaitProcess(db.dialect().donorContainer(), Duration.ofSeconds(10),
                db.dialect().donorProcess());
        Host.signal(donor.pid(), "STOP");
        try {
            pod1.killContainer(CLONE);
        } finally {
            Host.signal(donor.pid(), "CONT");
        }
        cluster.assertUnfinishedOnly(1, CLONE_MARKER);
        sts.deletePod(1);
        sts.createPod(1).awaitReady(READY);

        // the clone SIGKILLed once all data is in, before it is marked, with a writer on the primary so that there is
        // redo to apply
        try (var writer = new Writer(db.app(0), "w", 1)) {
            EmulatedPod pod2 = sts.createPod(2);
            awaitAllDataIn(pod2, cluster.scratch(2), db.dialect());
            pod2.killContainer(CLONE);
            cluster.assertUnfinishedOnly(2, CLONE_MARKER);
            sts.deletePod(2);
            sts.createPod(2).awaitReady(READY);
            writer.awaitCommits(5);
        }
        db.insertRows("t", 100_001, 1000);
        db.awaitCaughtUp(1, 2);
        for (int replica : List.of(1, 2)) {
            assertFalse(Files.exists(sts.datadir(replica).resolve("harness-sentinel")), "pod " + replica + " cloned again from scratch");
            assertEquals(0, sts.pod(replica).runs(CLONE).get(0).exitCode(), "the new clone of pod " + replica + " succeeded");
            db.assertReplicating(replica);
        }
        db.assertSameData("t", 101_000, List.of(0, 1, 2));
        db.assertSameData("w", db.count(0, "w"), List.of(0, 1, 2));
        assertEquals(List.of(), unmarkedStarts, "servers started on a datadir without the clone marker");
    }

    /**
     * Until every byte of the clone is in pod's scratch directory and the clone is not marked yet. MariaDB: clone.sh's
     * "finishing" line, then --prepare runs for a while. MySQL: once CLONE INSTANCE has returned (the clone plugin's
     * own #clone/#status_fix in the received directory), after which clone.sh only syncs and marks it; clone.sh is held
     * (SIGSTOP) from the moment its recipient runs, so that it cannot get that far before the kill.
     */
    private static void awaitAllDataIn(EmulatedPod pod, Path scratch, SqlDialect dialect) {
        if (!dialect.mysql()) {
            Await.until(Duration.ofSeconds(120), "pod's clone being finished",
                    () -> pod.current(CLONE) != null && pod.current(CLONE).log().contains(FINISHING), pod::describe);
            return;
        }
        ProcessHandle script = pod.awaitProcess(CLONE, Duration.ofSeconds(120),
                cmd -> cmd.stream().anyMatch(arg -> arg.endsWith("clone.sh")));
        pod.awaitProcess(CLONE, Duration.ofSeconds(120), SqlDialect.MYSQL_CLONE_RECIPIENT);
        Host.signal(script.pid(), "STOP");
        Await.until(Duration.ofSeconds(120), "CLONE INSTANCE returned into " + scratch,
                () -> Files.exists(scratch.resolve("#clone").resolve("#status_fix")), pod::describe);
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void primaryKilledDuringItsFirstInitialisationInitialisesAgain(EngineVersion engine) throws IOException {
        var sts = cluster.start(engine, EmulatedStatefulSet.Options.defaults().withoutInitRestarts());
        var db = cluster.db();
        List<String> unmarkedStarts = cluster.serverStartsWithoutMarker();

        // SIGKILLed while the accounts are being set up (MariaDB: on a local server; MySQL: the bootstrap that runs them
        // from its init file), once the system tables have begun and before the datadir is marked
        EmulatedPod first = sts.createPod(0);
        first.awaitProcess(CLONE, Duration.ofSeconds(120), db.dialect().initialAccountsProcess());
        Await.until(Duration.ofSeconds(60), "the system tables begun in " + cluster.scratch(0),
                () -> Files.isDirectory(cluster.scratch(0).resolve("mysql")), first::describe);
        first.killContainer(CLONE);
        cluster.assertUnfinishedOnly(0, INIT_MARKER);
        assertTrue(Files.isDirectory(cluster.scratch(0).resolve("mysql")), "killed after the system tables were begun");

        sts.deletePod(0);
        sts.createPod(0).awaitReady(READY);
        assertFalse(Files.exists(sts.datadir(0).resolve("harness-sentinel")), "initialised again from scratch");
        assertTrue(Files.readString(sts.datadir(0).resolve(INIT_MARKER)).startsWith("initialised at "));
        assertEquals(0, db.root(0).number("SELECT COUNT(*) FROM mysql.user WHERE authentication_string = ''"
                + " AND User IN ('root', 'app')"), "root and app have their passwords from the Secret");
        db.app(0).query("CREATE TABLE app.t (id INT PRIMARY KEY) ENGINE=InnoDB; INSERT INTO app.t VALUES (1)");
        assertEquals(List.of(), unmarkedStarts, "servers started on a datadir without the initialisation marker");
    }

    /**
     * MySQL's CLONE does not block DDL on the donor (clone_block_ddl is off): an ALTER TABLE on pod 0 while pod 1's
     * clone is in progress (its recipient paused once the clone has begun) finishes at once, and so does the clone;
     * the replica has the altered table. (MariaDB's backup stream blocks DDL for its last stage; not tested here.)
     */
    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#mysqlEngines")
    void alterTableOnTheDonorDuringACloneFinishesAndReachesTheReplica(EngineVersion engine) {
        var sts = cluster.start(engine);
        var db = cluster.db();
        sts.scaleTo(1, READY);
        db.createTable("t");
        db.insertRows("t", 1, 100_000);

        EmulatedPod pod1 = sts.createPod(1);
        Path scratch1 = cluster.scratch(1);
        ProcessHandle recipient = pod1.awaitProcess(CLONE, Duration.ofSeconds(120), SqlDialect.MYSQL_CLONE_RECIPIENT);
        // the whole copy takes a fraction of a second here: the recipient is paused as soon as the clone has begun
        // (it makes the directory it receives into), watched every millisecond
        long begun = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.isDirectory(scratch1) && System.nanoTime() < begun) {
            ClusterNetwork.sleep(1);
        }
        Host.signal(recipient.pid(), "STOP");
        assertTrue(Files.isDirectory(scratch1), "the clone began within 60 s\n" + pod1.describe());
        assertFalse(Files.exists(scratch1.resolve("#clone").resolve("#status_fix")), "paused before the clone returned");
        long start = System.nanoTime();
        Host.Result alter;
        try {
            // a DDL blocked by the clone would wait for it; here it would give up after 20 s instead
            alter = db.root(0).execute("SET SESSION lock_wait_timeout = 20; "
                    + "ALTER TABLE app.t ADD COLUMN altered INT NOT NULL DEFAULT 7");
        } finally {
            Host.signal(recipient.pid(), "CONT");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(alter.ok(), "the ALTER TABLE on the donor finished during the clone: " + alter.err());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the ALTER TABLE waited " + took);

        pod1.awaitReady(READY);
        db.insertRows("t", 100_001, 1000);
        db.awaitCaughtUp(1);
        assertEquals(1, sts.pod(1).runs(CLONE).size(), "one clone, not redone");
        assertEquals("7", db.root(1).value("SELECT altered FROM app.t WHERE id = 1"), "the replica has the altered table");
        db.assertSameData("t", 101_000, List.of(0, 1));
        db.assertReplicating(1);
    }

    /**
     * A donor that cannot serve the clone (here: its clone plugin uninstalled at run time) ends the clone at once with
     * an error that names both sides' versions, instead of retrying what cannot succeed.
     */
    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#mysqlEngines")
    void aDonorThatCannotServeTheCloneEndsItWithBothVersions(EngineVersion engine) {
        var sts = cluster.start(engine, BootstrapStack.manifests(engine),
                EmulatedStatefulSet.Options.defaults().withoutInitRestarts());
        var db = cluster.db();
        sts.scaleTo(1, READY);
        var uninstall = db.root(0).execute("UNINSTALL PLUGIN clone");
        assertTrue(uninstall.ok(), uninstall.err());
        String version = db.root(0).value("SELECT @@version");
        String donor = sts.template().owner() + "-0." + sts.template().serviceName();

        EmulatedPod pod = sts.createPod(1);
        Await.until(Duration.ofSeconds(90), "the clone of pod 1 ending", () -> "Failed".equals(pod.phase()), pod::describe);
        ContainerRun clone = pod.current(CLONE);
        assertEquals(1, clone.exitCode(), "the clone exits non-zero so that the kubelet backs off");
        assertTrue(clone.log().contains("the donor " + donor + " (MySQL " + version + ") has no active clone plugin"),
                "names the donor and its version:\n" + clone.log());
        assertTrue(clone.log().contains("this pod (MySQL " + version + ") needs it"), "and this pod's:\n" + clone.log());
        assertEquals(1, clone.log().lines().filter(l -> l.contains(" runs MySQL ")).count(),
                "the donor asked once, not again:\n" + clone.log());
        assertFalse(Files.exists(sts.datadir(1)), "no datadir");
        assertEquals(null, pod.current(SERVER), "the server never started");
    }

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void cloneGivesUpOnAPeerThatNeverAnswers(EngineVersion engine) {
        var manifests = ManifestEdits.setEnv(BootstrapStack.manifests(engine), CLONE, "CLONE_RETRIES", "3");
        manifests = ManifestEdits.setEnv(manifests, CLONE, "CLONE_RETRY_SECONDS", "1");
        var sts = cluster.start(engine, manifests, EmulatedStatefulSet.Options.defaults().withoutInitRestarts());
        int port = cluster.db().dialect().clonePort();
        String donor = sts.template().owner() + "-0." + sts.template().serviceName() + ":" + port;

        // no pod 0 at all: its name does not resolve
        assertCloneGivesUp(sts, donor, Duration.ofSeconds(20));
        sts.deletePod(1);

        // pod 0 accepts the connection and never sends a byte
        sts.createSilentPeer(0, port);
        assertCloneGivesUp(sts, donor, Duration.ofSeconds(40));
    }

    private void assertCloneGivesUp(EmulatedStatefulSet sts, String donor, Duration within) {
        long start = System.nanoTime();
        EmulatedPod pod = sts.createPod(1);
        Await.until(within, "the clone of pod 1 giving up", () -> "Failed".equals(pod.phase()), pod::describe);
        ContainerRun clone = pod.current(CLONE);
        assertEquals(1, clone.exitCode(), "the clone exits non-zero so that the kubelet backs off");
        assertTrue(clone.log().contains("giving up: no complete clone from " + donor + " after 3 attempts 1s apart"),
                "a clear last log line:\n" + clone.log());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(within) < 0);
        assertFalse(Files.exists(sts.datadir(1)), "no datadir");
        assertFalse(Files.exists(cluster.scratch(1)), "no scratch directory left");
        assertEquals(null, pod.current(SERVER), "the server never started");
    }
}
