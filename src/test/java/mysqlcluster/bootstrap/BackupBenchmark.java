package mysqlcluster.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.settings.EngineVersion;

/**
 * The backup benchmark of issue 24 (a main, not a test; src/test/resources/bench/run-benchmark.sh backup runs it), on
 * the clone benchmark's method: per engine and per size, on a cluster of its own ({@link BackupBench}), the backup
 * job and the restore as rendered, each against its floor through the same object store (the datadir as
 * {@code tar | rclone rcat}, and back as {@code rclone cat | tar -x}), in rounds after warm-ups; and the archive's
 * delays under a paced writer. The report ({@link BackupBenchReport}) is printed and written to --out. Runs as root
 * from the repository root; everything it makes lives in the harness's namespaces and run directory and goes when it
 * ends.
 */
public final class BackupBenchmark {
    private BackupBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        var options = BackupBenchmarkOptions.parse(args);
        BenchCluster.requireHost("backup benchmark", List.of("sync", "du"));
        var reports = new ArrayList<String>();
        for (EngineVersion engine : options.engines()) {
            var report = new BackupBenchReport(BenchmarkOptions.name(engine), options);
            for (double gib : options.sizes()) {
                try (var bench = BackupBench.start(engine, gib, options)) {
                    bench.run(report);
                }
                System.out.println(report.markdown());
            }
            reports.add(report.markdown());
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            Files.writeString(options.out(), String.join("\n", reports));
        }
        System.out.println();
        System.out.println(String.join("\n", reports));
    }
}
