package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.EngineVersion;

/**
 * The clone benchmark's command line, {@code --name=value} each:
 * <ul>
 *   <li>{@code --engine=mysql-9.7,mariadb-11.8} (default; any of the matrix: mysql-9.7, mariadb-11.8, mariadb-10.11);</li>
 *   <li>{@code --sizes=1,2}: GiB of datadir, fractions allowed (0.25) for short trial runs;</li>
 *   <li>{@code --runs=5 --warmups=1}, and for the slow logical copy {@code --logical-runs} and
 *       {@code --logical-warmups} (default: the same);</li>
 *   <li>{@code --writer=true}: the clone once more while a writer commits on the donor;
 *       {@code --alter=true}: on MySQL, the clone once more during an ALTER TABLE on the donor;
 *       {@code --load-runs=1}: how many clones each of these (median);</li>
 *   <li>{@code --out=/tmp/work/bench-table.md}: where the report is written too.</li>
 * </ul>
 */
record BenchmarkOptions(List<EngineVersion> engines, List<Double> sizes, int runs, int warmups, int logicalRuns,
                        int logicalWarmups, boolean writer, boolean alter, int loadRuns, Path out) {

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + a);
            }
            m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        var known = List.of("engine", "sizes", "runs", "warmups", "logical-runs", "logical-warmups", "writer", "alter",
                "load-runs", "out");
        m.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
        });
        int runs = Integer.parseInt(m.getOrDefault("runs", "5"));
        int warmups = Integer.parseInt(m.getOrDefault("warmups", "1"));
        return new BenchmarkOptions(
                Arrays.stream(m.getOrDefault("engine", "mysql-9.7,mariadb-11.8").split(",")).map(BenchmarkOptions::engine).toList(),
                Arrays.stream(m.getOrDefault("sizes", "1,2").split(",")).map(Double::parseDouble).toList(),
                runs, warmups,
                Integer.parseInt(m.getOrDefault("logical-runs", Integer.toString(runs))),
                Integer.parseInt(m.getOrDefault("logical-warmups", Integer.toString(warmups))),
                Boolean.parseBoolean(m.getOrDefault("writer", "true")),
                Boolean.parseBoolean(m.getOrDefault("alter", "true")),
                Integer.parseInt(m.getOrDefault("load-runs", "1")),
                Path.of(m.getOrDefault("out", "/tmp/work/bench-table.md")));
    }

    /** An engine of the matrix by its image stand-in's name, e.g. mysql-9.7. */
    static EngineVersion engine(String name) {
        return BootstrapStack.MATRIX.stream().filter(v -> name(v).equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--engine=" + name + ": one of "
                        + BootstrapStack.MATRIX.stream().map(BenchmarkOptions::name).toList()));
    }

    static String name(EngineVersion v) {
        return v.engine().id() + "-" + v.series();
    }
}
