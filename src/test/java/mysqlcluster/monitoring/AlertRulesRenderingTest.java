package mysqlcluster.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.cluster.AlertRules;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;

/** The template is rendered for a stack: its names and thresholds reach the rules' expressions and durations. */
class AlertRulesRenderingTest {
    static final String PASSWORDS = """
              mysql-cluster:rootPassword: {secure: v1:a:b}
              mysql-cluster:replicationPassword: {secure: v1:a:b}
              mysql-cluster:backupPassword: {secure: v1:a:b}
              mysql-cluster:exporterPassword: {secure: v1:a:b}
            """;

    static Settings settings(String config) {
        return Settings.read(StackFile.parse("config:\n" + config + PASSWORDS, Path.of("Pulumi.test.yaml")));
    }

    static List<JsonNode> rules(Settings settings) throws IOException {
        var rules = new ArrayList<JsonNode>();
        for (JsonNode group : AlertRulesShapeTest.YAML.readTree(AlertRules.render(settings)).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    static JsonNode rule(List<JsonNode> rules, String alert, String severity) {
        return rules.stream().filter(r -> r.path("alert").asText().equals(alert)
                && r.path("labels").path("severity").asText().equals(severity)).findFirst().orElseThrow();
    }

    @Test
    void aStacksNamesAndThresholdsReachTheRules() throws IOException {
        var rules = rules(settings("""
                  mysql-cluster:cluster: {name: orders, namespace: shop}
                  mysql-cluster:monitoring: {serverDownFor: 3m, replicationStoppedFor: 4m, lagWarningSeconds: 45,
                    lagWarningFor: 2m, lagCriticalSeconds: 600, lagCriticalFor: 10m, volumeFreePercent: 15,
                    volumeFreeFor: 15m, exporterFailingFor: 7m}
                """));
        JsonNode down = rule(rules, "MySQLServerDown", "critical");
        assertEquals("mysql_up{namespace=\"shop\", pod=~\"orders-[0-9]+\"} == 0", down.path("expr").asText());
        assertEquals("3m", down.path("for").asText());
        assertEquals("4m", rule(rules, "MySQLReplicationNotRunning", "critical").path("for").asText());
        assertEquals("4m", rule(rules, "MySQLReplicationStatusMissing", "critical").path("for").asText());
        JsonNode warning = rule(rules, "MySQLReplicationLagging", "warning");
        assertTrue(warning.path("expr").asText().endsWith(") > 45"), warning.path("expr").asText());
        assertTrue(warning.path("expr").asText().contains(
                "mysql_slave_status_seconds_behind_master{namespace=\"shop\", pod=~\"orders-[0-9]+\"}"));
        assertEquals("2m", warning.path("for").asText());
        JsonNode critical = rule(rules, "MySQLReplicationLagging", "critical");
        assertTrue(critical.path("expr").asText().endsWith(") > 600"), critical.path("expr").asText());
        assertEquals("10m", critical.path("for").asText());
        JsonNode volume = rule(rules, "MySQLVolumeNearlyFull", "critical");
        assertTrue(volume.path("expr").asText().contains(
                "kubelet_volume_stats_available_bytes{namespace=\"shop\", persistentvolumeclaim=~\"data-orders-[0-9]+\"}"));
        assertTrue(volume.path("expr").asText().endsWith(") < 0.15"), volume.path("expr").asText());
        assertEquals("15m", volume.path("for").asText());
        assertEquals("7m", rule(rules, "MySQLExporterScrapeFailing", "warning").path("for").asText());
        assertEquals("7m", rule(rules, "MySQLExporterCollectorFailing", "warning").path("for").asText());
        for (JsonNode r : rules) {
            assertFalse(r.toString().contains("\"mysql\""), "no default name left: " + r.path("alert").asText());
        }
    }

    @Test
    void theDefaultsAreTheIssuesThresholds() throws IOException {
        var rules = rules(Settings.DEFAULTS);
        assertTrue(rule(rules, "MySQLReplicationLagging", "warning").path("expr").asText().endsWith(") > 30"));
        assertEquals("1m", rule(rules, "MySQLReplicationLagging", "warning").path("for").asText());
        assertTrue(rule(rules, "MySQLReplicationLagging", "critical").path("expr").asText().endsWith(") > 300"));
        assertEquals("5m", rule(rules, "MySQLReplicationLagging", "critical").path("for").asText());
        assertTrue(rule(rules, "MySQLVolumeNearlyFull", "critical").path("expr").asText().endsWith(") < 0.10"));
    }

    @Test
    void everyPlaceholderOfTheTemplateIsReplaced() throws IOException {
        assertTrue(Files.readString(MonitoringFiles.TEMPLATE).contains("pod=~\"${pods}\""), "the file is a template");
        String rendered = AlertRules.render(Settings.DEFAULTS);
        for (String line : rendered.lines().toList()) {
            if (!line.strip().startsWith("#")) {
                assertFalse(line.contains("${"), line);
            }
        }
    }
}
