package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.EngineVersion;

/**
 * The backup benchmark's command line, {@code --name=value} each:
 * <ul>
 *   <li>{@code --engine=mysql-9.7,mariadb-11.8} (default; any of the matrix);</li>
 *   <li>{@code --sizes=1,4}: GiB of datadir, fractions allowed (0.25) for short trial runs;</li>
 *   <li>{@code --runs=3 --warmups=1}: backups and their floor, timed in rounds, the median of the runs after the
 *       warm-ups; {@code --restore-runs} the same for restores and theirs (default: runs);</li>
 *   <li>{@code --writer-rate=200}: commits per second of the writer on the primary during one more backup;
 *       {@code --writer-seconds=120}: how long it writes at least (the backup under it may take longer);</li>
 *   <li>{@code --rpo-minutes=1}: the stack's backup.rpoMinutes, the bound the archive is measured against;</li>
 *   <li>{@code --out=/tmp/work/backup-bench-table.md}: where the report is written too.</li>
 * </ul>
 */
record BackupBenchmarkOptions(List<EngineVersion> engines, List<Double> sizes, int runs, int warmups, int restoreRuns,
                              int writerRate, int writerSeconds, int rpoMinutes, Path out) {

    static BackupBenchmarkOptions parse(String[] args) {
        Map<String, String> m = BenchmarkOptions.arguments(args, List.of("engine", "sizes", "runs", "warmups",
                "restore-runs", "writer-rate", "writer-seconds", "rpo-minutes", "out"));
        int runs = Integer.parseInt(m.getOrDefault("runs", "3"));
        return new BackupBenchmarkOptions(
                BenchmarkOptions.engines(m.getOrDefault("engine", "mysql-9.7,mariadb-11.8")),
                BenchmarkOptions.sizes(m.getOrDefault("sizes", "1,4")),
                runs, Integer.parseInt(m.getOrDefault("warmups", "1")),
                Integer.parseInt(m.getOrDefault("restore-runs", Integer.toString(runs))),
                Integer.parseInt(m.getOrDefault("writer-rate", "200")),
                Integer.parseInt(m.getOrDefault("writer-seconds", "120")),
                Integer.parseInt(m.getOrDefault("rpo-minutes", "1")),
                Path.of(m.getOrDefault("out", "/tmp/work/backup-bench-table.md")));
    }
}
