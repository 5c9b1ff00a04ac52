package mysqlcluster.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mysqlcluster.TestStacks;

/** The alert rules the cluster ships and their promtool unit-test files. */
final class MonitoringFiles {
    static final Path RULES = TestStacks.ROOT.resolve("src/main/resources/monitoring/alerts.yaml");
    static final Path TESTS = TestStacks.ROOT.resolve("src/test/resources/monitoring");

    private MonitoringFiles() {
    }

    /** Every *.test.yaml, by name. */
    static List<Path> unitTests() {
        try (Stream<Path> files = Files.list(TESTS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".test.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
