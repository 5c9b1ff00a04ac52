package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The clone while the donor is busy, after the timed runs of the largest dataset: (1) while the harness's
 * {@link Writer} commits one row per transaction to the primary (as the app user, each on a new connection, binary
 * logged and durable); (2) on MySQL, while {@code ALTER TABLE app.bench_1 ADD COLUMN ..., ALGORITHM=INPLACE,
 * LOCK=NONE} rebuilds the largest table on the donor (INPLACE, not INSTANT: a rebuild that rewrites the table's file
 * while CLONE copies it; MySQL's clone_block_ddl is off by default, so neither waits for the other). Each reports the
 * clone's times and what the load did meanwhile, and checks that both finished: the ALTER succeeded, the clone
 * completed, and pod 1 started on it with the donor's rows (and, after the ALTER, the new column).
 */
final class CloneUnderLoad {
    static final String WRITER_TABLE = "bench_writes";
    static final String COLUMN = "bench_note";

    private final BenchCluster cluster;
    private final BenchDataset data;
    private final CloneRun clone;

    CloneUnderLoad(BenchCluster cluster, BenchDataset data, CloneRun clone) {
        this.cluster = cluster;
        this.data = data;
        this.clone = clone;
    }

    /** A row of the report: the median clone under the load, and what the load did. */
    record Result(String load, BenchSample sample, String detail) {
    }

    Result withWriter(int runs) {
        var db = cluster.db();
        db.root(0).query("CREATE TABLE IF NOT EXISTS app." + WRITER_TABLE
                + " (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL) ENGINE=InnoDB");
        var samples = new ArrayList<BenchSample>();
        long commits = 0;
        int failures = 0;
        double seconds = 0;
        long firstId = db.root(0).number("SELECT IFNULL(MAX(id), 0) + 1 FROM app." + WRITER_TABLE);
        for (int i = 0; i < runs; i++) {
            cluster.settle();
            long t0 = System.nanoTime();
            BenchSample s;
            List<Long> committed;
            try (var writer = new Writer(db.app(0), WRITER_TABLE, firstId)) {
                writer.awaitCommits(3);
                s = clone.measure();
                committed = writer.committed();
                failures += writer.failures();
            }
            seconds += BenchSample.seconds(t0);
            commits += committed.size();
            firstId += 1_000_000;
            samples.add(s);
            BenchCluster.log(String.format(Locale.ROOT, "clone with a writer, run %d: stream %.2f s, on disk %.2f s, extra %.2f s; "
                    + "%d commits", i + 1, s.stream(), s.disk(), s.extra(), committed.size()));
        }
        long rows = clone.checkRows(data);
        return new Result("a writer commits", BenchSample.median(samples), String.format(Locale.ROOT,
                "one writer, a new connection per one-row commit: %,d commits in %.1f s (%.1f commits/s), %d failed attempts; "
                        + "clone completed, pod 1 ready with the donor's %,d rows", commits, seconds, commits / seconds, failures, rows));
    }

    Result withAlter(int runs) {
        var root = cluster.db().root(0);
        var samples = new ArrayList<BenchSample>();
        var alters = new ArrayList<String>();
        for (int i = 0; i < runs; i++) {
            boolean has = hasColumn(0);
            String ddl = "ALTER TABLE app." + BenchDataset.FIRST_TABLE + (has ? " DROP COLUMN " + COLUMN
                    : " ADD COLUMN " + COLUMN + " INT NOT NULL DEFAULT 0") + ", ALGORITHM=INPLACE, LOCK=NONE";
            cluster.settle();
            long t0 = System.nanoTime();
            Instant started = Instant.now();
            CompletableFuture<Host.Result> alter = CompletableFuture.supplyAsync(() -> root.execute(ddl, Duration.ofHours(1)));
            Await.until(Duration.ofSeconds(30), "the ALTER running on the donor", () -> alter.isDone() || root.number(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE app.%'") > 0);
            double alterHeadStart = BenchSample.seconds(t0);
            BenchSample s = clone.measure();
            double cloneEnd = BenchSample.between(started, clone.lastOnDisk());
            Host.Result r = alter.join();
            double alterSeconds = BenchSample.seconds(t0);
            if (!r.ok()) {
                throw new IllegalStateException("the ALTER failed during the clone: " + r.err().strip());
            }
            samples.add(s);
            String what = String.format(Locale.ROOT, "%s: %.1f s (the clone began %.1f s after it%s)", has ? "DROP COLUMN" : "ADD COLUMN",
                    alterSeconds, alterHeadStart, alter.isDone() && alterSeconds <= cloneEnd + 0.5
                            ? ", the ALTER ended before the clone" : ", the ALTER ended " + String.format(Locale.ROOT, "%.1f s after the clone", alterSeconds - cloneEnd));
            alters.add(what);
            BenchCluster.log(String.format(Locale.ROOT, "clone during ALTER, run %d: stream %.2f s, on disk %.2f s; ALTER %s", i + 1,
                    s.stream(), s.disk(), what));
            boolean expected = !has;
            cluster.sts().pod(1).awaitReady(BenchCluster.READY);
            Await.until(Duration.ofMinutes(10), "pod 1 with the ALTER's result", () -> hasColumn(1) == expected);
        }
        long rows = clone.checkRows(data);
        return new Result("an ALTER TABLE (INPLACE rebuild of app." + BenchDataset.FIRST_TABLE + ") runs", BenchSample.median(samples),
                "ALTER " + String.join("; ", alters) + "; both finished: the ALTER succeeded, the clone completed, pod 1 ready with "
                        + String.format(Locale.ROOT, "the donor's %,d rows and the ALTER's column", rows));
    }

    private boolean hasColumn(int ordinal) {
        return cluster.db().root(ordinal).number("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'app' "
                + "AND TABLE_NAME = '" + BenchDataset.FIRST_TABLE + "' AND COLUMN_NAME = '" + COLUMN + "'") > 0;
    }
}
