package mysqlcluster.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * The data the benchmark copies: app.bench_1, app.bench_2, ... on the donor (pod 0), grown until its datadir holds the
 * bytes asked for. Rows come from {@link ClusterChecks#insertRowsSql} (both engines alike), a million per transaction
 * (a hundred thousand below 1 GiB), with the session's binary log off: the rows reach replicas through the clone,
 * and the binary log (in the datadir) would double what is copied.
 */
final class BenchDataset {
    static final String FIRST_TABLE = "bench_1";

    private final BenchCluster cluster;
    private int tables;
    private long nextId = 1;
    private long bytes;

    BenchDataset(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** Grows the donor's datadir to at least target bytes in a new table, then lets the donor settle. */
    void growTo(long target) {
        long started = System.nanoTime();
        String table = "bench_" + ++tables;
        SqlClient root = cluster.db().root(0);
        root.query("SET SESSION sql_log_bin = 0; CREATE TABLE app." + table
                + " (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL) ENGINE=InnoDB");
        long chunk = target >= 1L << 30 ? 1_000_000 : 100_000;
        while (BenchCluster.du(datadir()) < target) {
            root.query("SET SESSION sql_log_bin = 0; " + ClusterChecks.insertRowsSql(table, nextId, chunk));
            nextId += chunk;
        }
        BenchCluster.log(String.format("loaded app.%s up to %,d rows in %.1f s", table, rows(), BenchSample.seconds(started)));
        settleDonor();
        BenchCluster.sync();
        bytes = BenchCluster.du(datadir());
        BenchCluster.log(String.format("donor datadir %,d MiB for %,d rows", bytes / BenchCluster.MIB, rows()));
    }

    private java.nio.file.Path datadir() {
        return cluster.sts().datadir(0);
    }

    /** The donor's datadir after the last {@link #growTo}, in bytes. */
    long bytes() {
        return bytes;
    }

    long rows() {
        return nextId - 1;
    }

    /** A single number: the rows of every bench table. */
    String rowCountSql() {
        var parts = new ArrayList<String>();
        for (int i = 1; i <= tables; i++) {
            parts.add("(SELECT COUNT(*) FROM app.bench_" + i + ")");
        }
        return "SELECT " + String.join(" + ", parts);
    }

    /**
     * After a bulk load the donor is busy for minutes flushing dirty pages (and a copy then has redo to apply): flushes
     * them now (innodb_max_dirty_pages_pct 0 for a moment) and waits until none are left and, on MariaDB, the checkpoint
     * has caught up (Innodb_checkpoint_age; MySQL has no such status), so the runs start from an idle donor.
     */
    private void settleDonor() {
        long t0 = System.nanoTime();
        SqlClient root = cluster.db().root(0);
        String pct = root.value("SELECT @@GLOBAL.innodb_max_dirty_pages_pct");
        root.query("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        try {
            Await.until(Duration.ofMinutes(2), "the donor's dirty pages flushed and its checkpoint caught up", () -> {
                var status = new LinkedHashMap<String, Long>();
                for (var row : root.rows("SHOW GLOBAL STATUS WHERE Variable_name IN "
                        + "('Innodb_buffer_pool_pages_dirty', 'Innodb_checkpoint_age')")) {
                    status.put(row.get(0), Long.parseLong(row.get(1)));
                }
                boolean done = status.getOrDefault("Innodb_buffer_pool_pages_dirty", 1L) == 0
                        && status.getOrDefault("Innodb_checkpoint_age", 0L) < BenchCluster.MIB;
                if (!done) {
                    ClusterNetwork.sleep(1000);
                }
                return done;
            });
        } catch (AssertionError e) {
            cluster.note("the donor did not settle within 2 minutes after loading; runs started anyway: "
                    + e.getMessage().lines().findFirst().orElse(""));
        } finally {
            root.query("SET GLOBAL innodb_max_dirty_pages_pct = " + pct);
        }
        BenchCluster.log(String.format("donor settled (dirty pages flushed) in %.1f s", BenchSample.seconds(t0)));
    }
}
