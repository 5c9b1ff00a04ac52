package mysqlcluster.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness can fail: broken rules make promtool's check and unit tests fail, with promtool's message. */
class PromtoolFailsTest {
    static final String SERVER_DOWN = "mysql_up{namespace=\"mysql\", pod=~\"mysql-[0-9]+\"} == 0";

    @Test
    void aBadExpressionFailsTheCheck(@TempDir Path dir) throws IOException {
        Path rules = Files.writeString(dir.resolve("alerts.yaml"), """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: mysql_up{namespace="mysql" == 0
                        labels:
                          severity: critical
                """);
        Promtool.Run run = Promtool.inImageRoot().checkRules(rules);
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAILED"), run.output());
        assertTrue(run.output().contains("parse error"), run.output());
    }

    @Test
    void aRuleThatNoLongerFiresFailsItsUnitTest(@TempDir Path dir) throws IOException {
        String shipped = Files.readString(MonitoringFiles.RULES);
        assertTrue(shipped.contains(SERVER_DOWN), "MySQLServerDown's expression changed: update this test");
        Path rules = Files.writeString(dir.resolve("alerts.yaml"), shipped.replace(SERVER_DOWN,
                SERVER_DOWN.replace("== 0", "== 2")));
        Promtool.Run check = Promtool.inImageRoot().checkRules(rules);
        assertTrue(check.ok(), "the changed rules are still valid:\n" + check.output());

        Promtool.Run run = Promtool.inImageRoot().testRules(MonitoringFiles.TESTS.resolve("server.test.yaml"), rules);
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("alertname: MySQLServerDown, time: 1m30s"), run.output());
        assertFalse(run.output().contains("SUCCESS"), run.output());
    }
}
