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
        Map<String, String> m = arguments(args, List.of("engine", "sizes", "runs", "warmups", "logical-runs",
                "logical-warmups", "writer", "alter", "load-runs", "out"));
        int runs = Integer.parseInt(m.getOrDefault("runs", "5"));
        int warmups = Integer.parseInt(m.getOrDefault("warmups", "1"));
        return new BenchmarkOptions(
                engines(m.getOrDefault("engine", "mysql-9.7,mariadb-11.8")), sizes(m.getOrDefault("sizes", "1,2")),
                runs, warmups,
                Integer.parseInt(m.getOrDefault("logical-runs", Integer.toString(runs))),
                Integer.parseInt(m.getOrDefault("logical-warmups", Integer.toString(warmups))),
                Boolean.parseBoolean(m.getOrDefault("writer", "true")),
                Boolean.parseBoolean(m.getOrDefault("alter", "true")),
                Integer.parseInt(m.getOrDefault("load-runs", "1")),
                Path.of(m.getOrDefault("out", "/tmp/work/bench-table.md")));
    }

    /** A benchmark's --name=value arguments by name; any other form or name is refused. */
    static Map<String, String> arguments(String[] args, List<String> known) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + a);
            }
            m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        m.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
        });
        return m;
    }

    /** The engines of --engine=a,b. */
    static List<EngineVersion> engines(String list) {
        return Arrays.stream(list.split(",")).map(BenchmarkOptions::engine).toList();
    }

    /** The sizes of --sizes=1,4 in GiB. */
    static List<Double> sizes(String list) {
        return Arrays.stream(list.split(",")).map(Double::parseDouble).toList();
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
