package mysqlcluster.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real Prometheus beside the emulated StatefulSet: Debian's Prometheus 3.5 (image root prometheus-3.5) in a network
 * namespace of its own on the cluster network, scraping each pod's exporter over the pod network as the rendered
 * PodMonitor says and evaluating the rendered PrometheusRule ({@link PrometheusConfig}). Queried over its HTTP API from
 * inside its namespace; it stops with the cluster, whose teardown removes every namespace.
 */
final class HarnessPrometheus {
    static final String IMAGE_ROOT = "prometheus-3.5";
    private static final String API = "http://127.0.0.1:9090";
    private static final String CONFIG_DIR = "/etc/prometheus";
    private static final String DATA_DIR = "/prometheus";
    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of an instant query's result. */
    record Sample(Map<String, String> labels, double value) {
    }

    private final PrometheusConfig config;
    private final String netns;
    private final Path log;
    private final Process process;

    private HarnessPrometheus(PrometheusConfig config, String netns, Path log, Process process) {
        this.config = config;
        this.netns = netns;
        this.log = log;
        this.process = process;
    }

    /** Starts it on the cluster's current pods and waits until it is ready. */
    static HarnessPrometheus start(EmulatedStatefulSet sts, List<Map<String, Object>> manifests) {
        var config = PrometheusConfig.from(manifests);
        Path dir = sts.runDirectory().resolve("prometheus");
        Path configDir = dir.resolve("config");
        Path data = dir.resolve("data");
        Path log = dir.resolve("prometheus.log");
        try {
            Files.createDirectories(configDir);
            Files.createDirectories(data);
            Files.writeString(configDir.resolve("prometheus.yml"), config.prometheusYaml(CONFIG_DIR));
            Files.writeString(configDir.resolve(PrometheusConfig.RULES_FILE), config.rulesYaml());
            // what pod discovery would find: the pods that run now (no scenario adds pods once Prometheus runs)
            Files.writeString(configDir.resolve(PrometheusConfig.TARGETS_FILE), config.targetsJson(sts.pods().values()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String netns = sts.addClientNamespace("prometheus");
        var command = new ImageCommand(sts, ImageRoots.build(IMAGE_ROOT), netns)
                .bind(configDir, CONFIG_DIR, true).bind(data, DATA_DIR, false);
        var started = new HarnessPrometheus(config, netns, log, command.start(List.of("prometheus",
                "--config.file=" + CONFIG_DIR + "/prometheus.yml", "--storage.tsdb.path=" + DATA_DIR,
                "--web.listen-address=" + API.substring("http://".length())), log));
        Await.until(START, "Prometheus ready", started::ready, started::describe);
        return started;
    }

    PrometheusConfig config() {
        return config;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited (" + process.exitValue() + "):\n" + logTail());
        }
        var r = curl(List.of("-o", "/dev/null", "-w", "%{http_code}", API + "/-/ready"));
        return r.ok() && r.out().strip().equals("200");
    }

    /** The series of an instant query, now. */
    List<Sample> query(String promql) {
        JsonNode data = get("/api/v1/query", promql);
        var samples = new ArrayList<Sample>();
        for (JsonNode series : data.path("result")) {
            var labels = new TreeMap<String, String>();
            series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            samples.add(new Sample(labels, Double.parseDouble(series.path("value").get(1).asText())));
        }
        return samples;
    }

    /** The alerts pending or firing now: their labels, with alertstate = pending or firing. */
    List<Map<String, String>> alerts() {
        return query("ALERTS").stream().map(Sample::labels).toList();
    }

    /** Whether the alert fires now for the pod (with these extra labels, if any). */
    boolean firing(String alert, String pod, Map<String, String> labels) {
        return alerts().stream().anyMatch(a -> alert.equals(a.get("alertname")) && "firing".equals(a.get("alertstate"))
                && pod.equals(a.get("pod")) && a.entrySet().containsAll(labels.entrySet()));
    }

    /** Whether the alert is pending or firing now for the pod. */
    boolean active(String alert, String pod) {
        return alerts().stream().anyMatch(a -> alert.equals(a.get("alertname")) && pod.equals(a.get("pod")));
    }

    /** The active alerts and the end of Prometheus's log, for a failure message. */
    String describe() {
        String alerts;
        try {
            alerts = String.valueOf(alerts());
        } catch (RuntimeException e) {
            alerts = "(no answer: " + e.getMessage() + ")";
        }
        return "Prometheus alerts: " + alerts + "\nits log:\n" + logTail();
    }

    private JsonNode get(String path, String query) {
        var r = curl(List.of("-G", "--data-urlencode", "query=" + query, API + path));
        if (!r.ok()) {
            throw new IllegalStateException("Prometheus did not answer " + query + ": " + r.err().strip());
        }
        try {
            JsonNode body = JSON.readTree(r.out());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus refused " + query + ": " + r.out());
            }
            return body.path("data");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Prometheus answered " + query + " with no JSON: " + r.out(), e);
        }
    }

    private Host.Result curl(List<String> args) {
        var command = new ArrayList<>(List.of("ip", "netns", "exec", netns, "curl", "-sS", "--max-time", "5"));
        command.addAll(args);
        return Host.run(command, null, null, Duration.ofSeconds(10));
    }

    private String logTail() {
        return LogTail.of(log, 30);
    }
}
