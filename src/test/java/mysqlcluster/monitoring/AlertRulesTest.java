package mysqlcluster.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Named;
import mysqlcluster.cluster.AlertRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alert rules, rendered for the defaults, pass promtool's checks and every unit-test file of
 * src/test/resources/monitoring; a stack's own rendering passes the checks too.
 */
class AlertRulesTest {
    @Test
    void theRulesPassPromtoolsCheckWithEveryLintFatal() {
        Promtool.Run run = Promtool.inImageRoot().checkRules(MonitoringFiles.RULES);
        assertTrue(run.ok(), "promtool check rules (exit " + run.exit() + "):\n" + run.output());
    }

    @Test
    void aStacksOwnRenderingPassesTheCheckToo(@TempDir Path dir) throws IOException {
        Path rules = Files.writeString(dir.resolve("alerts.yaml"), AlertRules.render(AlertRulesRenderingTest.settings("""
                  mysql-cluster:cluster: {name: orders, namespace: shop}
                  mysql-cluster:monitoring: {lagWarningSeconds: 45, lagCriticalSeconds: 600, lagCriticalFor: 10m,
                    volumeFreePercent: 15}
                """)));
        Promtool.Run run = Promtool.inImageRoot().checkRules(rules);
        assertTrue(run.ok(), "promtool check rules (exit " + run.exit() + "):\n" + run.output());
    }

    static List<Named<Path>> unitTests() {
        List<Path> tests = MonitoringFiles.unitTests();
        assertFalse(tests.isEmpty(), "no *.test.yaml in " + MonitoringFiles.TESTS);
        return tests.stream().map(p -> Named.of(p.getFileName().toString(), p)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unitTests")
    void theUnitTestsPass(Path tests) {
        Promtool.Run run = Promtool.inImageRoot().testRules(tests, MonitoringFiles.RULES);
        assertTrue(run.ok(), "promtool test rules " + tests.getFileName() + " (exit " + run.exit() + "):\n"
                + run.output());
    }
}
