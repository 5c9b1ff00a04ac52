package mysqlcluster.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mysqlcluster.settings.Engine;
import mysqlcluster.settings.EngineVersion;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * binlog-index.sh, run with busybox's sh, od and awk in the uploader image's stand-in, on binary log files the
 * primary of each engine wrote: every transaction the server lists for the file (SHOW BINLOG EVENTS), in order, at
 * the time it committed; the GTID set before the file as the server had it when the file began; the file's size.
 * And a refusal for what it cannot index.
 */
class BinlogIndexScenariosTest {
    private static final Pattern GTID = Pattern.compile("GTID(?:_NEXT= '| )([0-9a-f-]+:\\d+|\\d+-\\d+-\\d+)");

    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void theIndexListsEachTransactionWithItsCommitTimeAndTheSetBefore(EngineVersion engine) throws IOException {
        var sts = cluster.start(engine);
        sts.scaleTo(1, ScenarioCluster.READY);
        var db = cluster.db();
        var primary = db.root(0);
        db.createTable("t");
        primary.query("FLUSH BINARY LOGS");
        String file = lastBinaryLog(primary);
        String before = engine.engine() == Engine.MYSQL ? primary.value("SELECT @@GLOBAL.gtid_executed")
                : primary.value("SELECT @@GLOBAL.gtid_binlog_state");

        var windows = new ArrayList<Instant[]>();
        for (int i = 0; i < 4; i++) {
            Instant start = Instant.now();
            primary.query("INSERT INTO app.t VALUES (" + i + ", 'row " + i + "')");
            windows.add(new Instant[] {start, Instant.now()});
            ClusterNetwork.sleep(1100); // MariaDB's events carry whole seconds
        }
        primary.query("FLUSH BINARY LOGS");
        List<String> serverGtids = new ArrayList<>();
        for (List<String> event : primary.rows("SHOW BINLOG EVENTS IN '" + file + "'")) {
            Matcher m = GTID.matcher(String.join(" ", event));
            if (event.get(2).startsWith("Gtid") && m.find()) {
                serverGtids.add(m.group(1));
            }
        }
        assertEquals(4, serverGtids.size(), "the server lists " + serverGtids);

        Path binlog = sts.datadir(0).resolve(file);
        var index = index(sts, binlog);
        assertEquals(0, index.exit(), index.err());
        List<String> lines = index.out().strip().lines().toList();
        System.out.println("binlog-index.sh on " + engine + "'s " + file + ":\n" + index.out().strip());
        assertEquals("format " + (engine.engine() == Engine.MYSQL ? "mysql" : "mariadb"), lines.get(0));
        assertEquals(normalize(before), normalize(lines.get(1).substring("previous".length())), lines.toString());
        var gtids = lines.stream().filter(l -> l.startsWith("gtid ")).map(l -> l.split(" ")).toList();
        assertEquals(serverGtids, gtids.stream().map(g -> g[1]).toList());
        for (int i = 0; i < 4; i++) {
            long micros = Long.parseLong(gtids.get(i)[2]);
            long from = engine.engine() == Engine.MYSQL ? micros(windows.get(i)[0])
                    : micros(windows.get(i)[0].truncatedTo(ChronoUnit.SECONDS));
            assertTrue(micros >= from && micros <= micros(windows.get(i)[1]),
                    "transaction " + i + " at " + micros + ", committed between " + Arrays.toString(windows.get(i)));
        }
        assertEquals("end " + Files.size(binlog), lines.get(lines.size() - 1));

        Path cut = sts.runDirectory().resolve("cut-binlog");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(binlog), (int) Files.size(binlog) - 10));
        var truncated = index(sts, cut);
        assertNotEquals(0, truncated.exit());
        assertTrue(truncated.err().contains("ends within the event at"), truncated.err());
        var notBinlog = index(sts, sts.datadir(0).resolve(file + "").resolveSibling("ibdata1"));
        assertNotEquals(0, notBinlog.exit());
        assertTrue(notBinlog.err().contains("not a binary log"), notBinlog.err());
    }

    /** The script on FILE, as the uploader image runs it. */
    static Host.Result index(EmulatedStatefulSet sts, Path file) {
        return UploaderScript.run(sts, "binlog-index.sh", java.util.Map.of(file, "/binlog"), List.of("/binlog"));
    }

    static String lastBinaryLog(SqlClient primary) {
        var logs = primary.rows("SHOW BINARY LOGS");
        return logs.get(logs.size() - 1).get(0);
    }

    /** A GTID set as a sorted list of its parts, whatever the spacing and line breaks the server used. */
    static List<String> normalize(String set) {
        return Arrays.stream(set.replaceAll("\\s", "").split(",")).filter(s -> !s.isEmpty()).sorted().toList();
    }

    /** Microseconds since the epoch, the index's unit. */
    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
