package mysqlcluster.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mysqlcluster.settings.EngineVersion;

/**
 * The clone benchmark of issue 11 (a main, not a test; src/test/resources/bench/run-benchmark.sh clone runs it). Per
 * engine ({@link BenchmarkOptions}: MySQL 9.7 and MariaDB 11.8 by default), in an emulated StatefulSet of the
 * bootstrap stack on that engine's image root, it grows the donor's (pod 0's) datadir to each size
 * ({@link BenchDataset}) and times, in rounds of one run each, a warm-up then the median of the rest:
 * <ul>
 *   <li>(c) the clone of pod 1 through the project's scripts as rendered ({@link CloneRun}): MariaDB's backup stream
 *       from pod 0's sidecar, MySQL's CLONE INSTANCE from pod 0's server;</li>
 *   <li>(b) the transport floor {@code tar | socat | tar} between the same two pods ({@link TransportFloor});</li>
 *   <li>(d) the logical copy {@code mysqldump}/{@code mariadb-dump | client} into a fresh server ({@link LogicalCopy}).</li>
 * </ul>
 * Each to the end of the stream and until on disk: for MySQL's clone the end of the stream is the end of the
 * REDO COPY stage in the clone's performance_schema.clone_progress, see {@link CloneRun}. Then the clone with a
 * writer on the donor and, on MySQL, during an ALTER TABLE ({@link CloneUnderLoad}). The report
 * ({@link BenchReport}) is printed and written to --out. Runs as root from the repository root; everything it makes
 * lives in the harness's namespaces and run directory and goes when it ends (also on failure or Ctrl-C).
 */
public final class CloneBenchmark {
    static final double GIB = 1L << 30;

    private CloneBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        BenchCluster.requireHost("clone benchmark", List.of("tar", "sync", "du"));
        var reports = new ArrayList<String>();
        for (EngineVersion engine : options.engines()) {
            try (var cluster = BenchCluster.start(engine)) {
                reports.add(run(cluster, options));
            }
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), String.join("\n", reports));
        }
        System.out.println();
        System.out.println(String.join("\n", reports));
    }


    private static String run(BenchCluster cluster, BenchmarkOptions options) {
        var report = new BenchReport(cluster, options);
        var data = new BenchDataset(cluster);
        var clone = new CloneRun(cluster);
        var floor = new TransportFloor(cluster);
        var logical = new LogicalCopy(cluster, data);
        for (double gib : options.sizes()) {
            data.growTo((long) (gib * GIB));
            report.dataset(gib, data.bytes(), data.rows());
            BenchCluster.log(String.format(Locale.ROOT, "%s, %s GiB: donor datadir %.0f MiB, %,d rows",
                    BenchmarkOptions.name(cluster.engine()), gib, data.bytes() / (double) BenchCluster.MIB, data.rows()));
            int rounds = Math.max(options.warmups() + options.runs(), options.logicalWarmups() + options.logicalRuns());
            for (int round = 0; round < rounds; round++) {
                // the clone first: it (re)creates pod 1, whose network namespace the others use
                timed(cluster, report, gib, BenchReport.Method.CLONE, round, options.warmups(), options.runs(), clone::measure);
                timed(cluster, report, gib, BenchReport.Method.FLOOR, round, options.warmups(), options.runs(),
                        () -> floor.measure(data.bytes()));
                timed(cluster, report, gib, BenchReport.Method.LOGICAL, round, options.logicalWarmups(), options.logicalRuns(),
                        logical::measure);
            }
            BenchCluster.log(String.format(Locale.ROOT, "pod 1 started on the last clone with the donor's %,d rows", clone.checkRows(data)));
        }
        var load = new CloneUnderLoad(cluster, data, clone);
        if (options.writer()) {
            report.load(load.withWriter(options.loadRuns()));
        }
        if (options.alter() && cluster.mysql()) {
            report.load(load.withAlter(options.loadRuns()));
        }
        String text = report.markdown();
        System.out.println(text);
        return text;
    }

    private static void timed(BenchCluster cluster, BenchReport report, double gib, BenchReport.Method m, int round, int warmups,
                              int runs, java.util.function.Supplier<BenchSample> method) {
        if (round >= warmups + runs) {
            return;
        }
        cluster.settle();
        BenchSample s = method.get();
        boolean warmup = round < warmups;
        BenchCluster.log(String.format(Locale.ROOT, "%s GiB %s %s: stream %.2f s, on disk %.2f s%s", gib, m.label,
                warmup ? "warm-up" : "run " + (round - warmups + 1), s.stream(), s.disk(),
                m == BenchReport.Method.CLONE ? String.format(Locale.ROOT, ", extra %.2f s", s.extra()) : ""));
        if (!warmup) {
            report.add(gib, m, s);
        }
    }
}
