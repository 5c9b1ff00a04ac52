package mysqlcluster.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import mysqlcluster.cluster.PodLayout;

/**
 * What the exporter sidecar of a pod serves, fetched the way Prometheus would: over the pod network, from inside the
 * pod's network namespace, on its address and the metrics port.
 */
final class ExporterMetrics {
    private ExporterMetrics() {
    }

    /**
     * The exporter's series for a column of SHOW REPLICA STATUS (its slave_status collector names them after the
     * server's columns, in lower case): mysql_slave_status_replica_io_running on MySQL, ..._slave_io_running on MariaDB.
     */
    static String replicaSeries(String column) {
        return "mysql_slave_status_" + column.toLowerCase(java.util.Locale.ROOT);
    }

    /** The exposition text of the pod's exporter; empty while it does not answer. */
    static String scrape(EmulatedPod pod) {
        String url = "http://" + pod.address() + ":" + PodLayout.METRICS_PORT + "/metrics";
        Host.Result r = Host.run(List.of("ip", "netns", "exec", pod.netns(), "curl", "-sS", "--max-time", "5", url), null,
                null, Duration.ofSeconds(10));
        return r.ok() ? r.out() : "";
    }

    /** Whether a sample of the metric (any labels) has the value. */
    static boolean has(String metrics, String metric, String value) {
        return Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? " + Pattern.quote(value) + "$")
                .matcher(metrics).find();
    }

    /** Waits until the pod's exporter reports a sample of the metric with the value; returns what it served. */
    static String awaitSample(EmulatedPod pod, String metric, String value, Duration timeout) {
        String[] last = {""};
        Await.until(timeout, pod.name() + "'s exporter serving " + metric + " " + value, () -> {
            last[0] = scrape(pod);
            return has(last[0], metric, value);
        }, () -> "last scrape:\n" + last[0].lines().filter(l -> l.startsWith("mysql_up") || l.startsWith("mysql_slave"))
                .toList() + "\n" + pod.describe());
        return last[0];
    }
}
