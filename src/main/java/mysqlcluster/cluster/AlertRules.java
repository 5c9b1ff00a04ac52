package mysqlcluster.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mysqlcluster.settings.MonitoringSettings;
import mysqlcluster.settings.Settings;

/**
 * The alert rules of a stack: the template monitoring/alerts.yaml with its ${placeholders} replaced by the cluster's
 * names and the thresholds of mysql-cluster:monitoring. One source for the PrometheusRule and the promtool tests.
 */
public final class AlertRules {
    public static final String TEMPLATE = "monitoring/alerts.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private AlertRules() {
    }

    /** The rendered rule file (a Prometheus rule file: its groups are the PrometheusRule's spec.groups). */
    public static String render(Settings settings) {
        var values = values(settings);
        var out = new StringBuilder();
        for (String line : Resources.text(TEMPLATE).split("\n", -1)) {
            Matcher m = PLACEHOLDER.matcher(line);
            var rendered = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null && !line.strip().startsWith("#")) {
                    throw new IllegalStateException(TEMPLATE + ": unknown placeholder " + m.group() + " in: " + line);
                }
                m.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? m.group() : value));
            }
            m.appendTail(rendered);
            out.append(rendered).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The rendered rule groups, as plain maps and lists. */
    public static List<Map<String, Object>> groups(Settings settings) {
        try {
            Map<String, List<Map<String, Object>>> file = new YAMLMapper().readValue(render(settings),
                    new TypeReference<>() { });
            return file.get("groups");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(TEMPLATE + " does not render to YAML", e);
        }
    }

    static Map<String, String> values(Settings settings) {
        Names names = Names.of(settings);
        MonitoringSettings m = settings.monitoring();
        var values = new LinkedHashMap<String, String>();
        values.put("namespace", names.namespace());
        values.put("pods", names.statefulSet() + "-[0-9]+");
        values.put("claims", PodLayout.DATA_VOLUME + "-" + names.statefulSet() + "-[0-9]+");
        values.put("serverDownFor", m.serverDownFor());
        values.put("replicationStoppedFor", m.replicationStoppedFor());
        values.put("lagWarningSeconds", String.valueOf(m.lagWarningSeconds()));
        values.put("lagWarningFor", m.lagWarningFor());
        values.put("lagCriticalSeconds", String.valueOf(m.lagCriticalSeconds()));
        values.put("lagCriticalFor", m.lagCriticalFor());
        values.put("volumeFreeRatio", String.format(java.util.Locale.ROOT, "%.2f", m.volumeFreePercent() / 100.0));
        values.put("volumeFreeFor", m.volumeFreeFor());
        values.put("exporterFailingFor", m.exporterFailingFor());
        return values;
    }
}
