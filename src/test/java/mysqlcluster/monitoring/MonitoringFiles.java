package mysqlcluster.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mysqlcluster.TestStacks;
import mysqlcluster.cluster.AlertRules;
import mysqlcluster.settings.Settings;

/**
 * The alert rules the cluster ships, rendered from their templates for the default settings with backups on (a
 * claimed bucket), so that the backup groups are among them (namespace mysql, pods mysql-N, CronJob mysql-backup:
 * the names the unit tests' series carry), and their promtool unit-test files.
 */
final class MonitoringFiles {
    static final Settings SETTINGS = AlertRulesRenderingTest.settings("""
              mysql-cluster:backup: {enabled: true, objectStore: backups}
            """);
    static final Path TEMPLATE = TestStacks.ROOT.resolve("src/main/resources/" + AlertRules.TEMPLATE);
    static final Path RULES = rendered(TestStacks.ROOT.resolve("target/monitoring/alerts.yaml"));
    static final Path TESTS = TestStacks.ROOT.resolve("src/test/resources/monitoring");

    private MonitoringFiles() {
    }

    private static Path rendered(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, AlertRules.render(SETTINGS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
