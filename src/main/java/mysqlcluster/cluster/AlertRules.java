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
 * names and the thresholds of mysql-cluster:monitoring, and with backup.enabled the groups of
 * monitoring/backup-alerts.yaml after them, whose thresholds come from backup.*. One source for the PrometheusRule
 * and the promtool tests.
 */
public final class AlertRules {
    public static final String TEMPLATE = "monitoring/alerts.yaml";
    public static final String BACKUP_TEMPLATE = "monitoring/backup-alerts.yaml";
    private static final String GROUPS = "\ngroups:\n";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private AlertRules() {
    }

    /** The rendered rule file (a Prometheus rule file: its groups are the PrometheusRule's spec.groups). */
    public static String render(Settings settings) {
        var values = values(settings);
        String rules = render(TEMPLATE, values);
        if (!settings.backup().enabled()) {
            return rules;
        }
        String backup = render(BACKUP_TEMPLATE, values);
        return rules.stripTrailing() + "\n\n" + backup.substring(backup.indexOf(GROUPS) + GROUPS.length());
    }

    private static String render(String template, Map<String, String> values) {
        var out = new StringBuilder();
        for (String line : Resources.text(template).split("\n", -1)) {
            Matcher m = PLACEHOLDER.matcher(line);
            var rendered = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null && !line.strip().startsWith("#")) {
                    throw new IllegalStateException(template + ": unknown placeholder " + m.group() + " in: " + line);
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
        values.put("exporterContainer", PodLayout.EXPORTER_CONTAINER);
        values.put("serverDownFor", m.serverDownFor());
        values.put("replicationStoppedFor", m.replicationStoppedFor());
        values.put("lagWarningSeconds", String.valueOf(m.lagWarningSeconds()));
        values.put("lagWarningFor", m.lagWarningFor());
        values.put("lagCriticalSeconds", String.valueOf(m.lagCriticalSeconds()));
        values.put("lagCriticalFor", m.lagCriticalFor());
        values.put("volumeFreeRatio", String.format(java.util.Locale.ROOT, "%.2f", m.volumeFreePercent() / 100.0));
        values.put("volumeFreeFor", m.volumeFreeFor());
        values.put("exporterFailingFor", m.exporterFailingFor());
        if (settings.backup().enabled()) {
            values.put("primaryPod", names.primaryPod());
            values.put("backupCronJob", names.backup());
            values.put("backupJobSelector", names.backupLabels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(",")));
            values.put("backupOverdueSeconds", Long.toString(backupOverdueSeconds(settings)));
            values.put("rpoSeconds", Integer.toString(settings.backup().rpoMinutes() * 60));
        }
        return values;
    }

    /**
     * How long after the last successful backup one is overdue: the schedule's longest interval, the time a late run
     * may still start, and the time a run may take.
     */
    static long backupOverdueSeconds(Settings settings) {
        return settings.backup().longestScheduleInterval().toSeconds() + BackupPart.STARTING_DEADLINE_SECONDS
                + BackupPart.deadlineSeconds(settings);
    }
}
