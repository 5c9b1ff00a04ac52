package mysqlcluster.settings;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code mysql-cluster:monitoring}: the exporter sidecar, the Prometheus Operator objects (PodMonitor, PrometheusRule)
 * with the labels a Prometheus selects them by, the namespace Prometheus scrapes from, and the alert thresholds.
 */
public record MonitoringSettings(Boolean exporter, Boolean prometheusOperator, Map<String, String> labels,
                                 String scrapeNamespace, String serverDownFor, String replicationStoppedFor,
                                 Integer lagWarningSeconds, String lagWarningFor, Integer lagCriticalSeconds,
                                 String lagCriticalFor, Integer volumeFreePercent, String volumeFreeFor,
                                 String exporterFailingFor) {
    public static final MonitoringSettings DEFAULTS = new MonitoringSettings(true, false, Map.of(), "monitoring",
            "1m", "2m", 30, "1m", 300, "5m", 10, "5m", "5m");
    /** A Prometheus duration of one unit, as a rule's {@code for} takes it. */
    private static final Pattern DURATION = Pattern.compile("[1-9][0-9]*(s|m|h)");
    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    void validate(String path, Problems problems) {
        if (prometheusOperator && !exporter) {
            problems.add(path + ".prometheusOperator", "is true but " + path + ".exporter is false; the PodMonitor and"
                    + " the alert rules read the exporter's metrics: turn the exporter on or prometheusOperator off");
        }
        labels.forEach((key, value) -> {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                problems.add(path + ".labels." + key, "is not a Kubernetes label key; use [prefix/]name, e.g. release");
            }
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                problems.add(path + ".labels." + key, Rules.quote(value) + " is not a Kubernetes label value; use at"
                        + " most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            }
        });
        Rules.dnsLabel(path + ".scrapeNamespace", scrapeNamespace, 63, problems);
        duration(path + ".serverDownFor", serverDownFor, problems);
        duration(path + ".replicationStoppedFor", replicationStoppedFor, problems);
        duration(path + ".lagWarningFor", lagWarningFor, problems);
        duration(path + ".lagCriticalFor", lagCriticalFor, problems);
        duration(path + ".volumeFreeFor", volumeFreeFor, problems);
        duration(path + ".exporterFailingFor", exporterFailingFor, problems);
        Rules.atLeast(path + ".lagWarningSeconds", lagWarningSeconds, 1, problems);
        Rules.atLeast(path + ".lagCriticalSeconds", lagCriticalSeconds, 1, problems);
        if (lagWarningSeconds != null && lagCriticalSeconds != null && lagWarningSeconds >= 1
                && lagCriticalSeconds <= lagWarningSeconds) {
            problems.add(path + ".lagCriticalSeconds", lagCriticalSeconds + " is not above " + path
                    + ".lagWarningSeconds (" + lagWarningSeconds + "); the critical lag must be the larger one");
        }
        Rules.range(path + ".volumeFreePercent", volumeFreePercent, 1, 50, problems);
    }

    private static void duration(String path, String value, Problems problems) {
        if (value == null || !DURATION.matcher(value).matches()) {
            problems.add(path, Rules.quote(value) + " is not a duration; use a whole number of seconds, minutes or"
                    + " hours, e.g. 30s, 5m or 1h");
        }
    }
}
