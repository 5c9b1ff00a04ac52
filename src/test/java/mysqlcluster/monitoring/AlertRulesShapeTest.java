package mysqlcluster.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What promtool does not check, on the rules rendered for the defaults with backups on: every alert has a severity
 * and says what happened and what to do first, every selector names the cluster in one of the three texts a stack's
 * name and namespace replace, and every alert has unit tests in which it fires and in which it does not.
 */
class AlertRulesShapeTest {
    static final YAMLMapper YAML = new YAMLMapper();
    static final List<String> CLUSTER_SELECTORS = List.of("namespace=\"mysql\", pod=~\"mysql-[0-9]+\"",
            "namespace=\"mysql\", persistentvolumeclaim=~\"data-mysql-[0-9]+\"",
            "namespace=\"mysql\", cronjob=\"mysql-backup\"");
    static final Pattern SELECTOR = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*\\{([^}]*)}");

    static List<JsonNode> alerts() throws IOException {
        var alerts = new ArrayList<JsonNode>();
        for (JsonNode group : YAML.readTree(MonitoringFiles.RULES.toFile()).path("groups")) {
            group.path("rules").forEach(alerts::add);
        }
        return alerts;
    }

    @Test
    void everyAlertHasASeverityASummaryAndAFirstStep() throws IOException {
        for (JsonNode rule : alerts()) {
            String alert = rule.path("alert").asText();
            assertTrue(Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText()), alert);
            assertTrue(rule.path("annotations").path("summary").asText().contains("{{ $labels."), alert);
            assertTrue(rule.path("annotations").path("description").asText().contains(" First: "), alert);
        }
    }

    @Test
    void everySelectorNamesTheCluster() throws IOException {
        for (JsonNode rule : alerts()) {
            Matcher m = SELECTOR.matcher(rule.path("expr").asText());
            int selectors = 0;
            while (m.find()) {
                selectors++;
                String matchers = m.group(1);
                assertTrue(CLUSTER_SELECTORS.stream().anyMatch(matchers::startsWith),
                        rule.path("alert").asText() + ": " + m.group());
            }
            assertTrue(selectors > 0, rule.path("alert").asText());
        }
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() throws IOException {
        Set<String> fired = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Path file : MonitoringFiles.unitTests()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    (check.path("exp_alerts").isEmpty() ? silent : fired).add(check.path("alertname").asText());
                }
            }
        }
        Set<String> names = new TreeSet<>();
        alerts().forEach(rule -> names.add(rule.path("alert").asText()));
        assertEquals(names, fired, "alerts with a test in which they fire");
        assertEquals(names, silent, "alerts with a test in which they do not fire");
    }
}
