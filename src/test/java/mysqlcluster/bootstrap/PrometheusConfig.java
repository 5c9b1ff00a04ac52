package mysqlcluster.bootstrap;

import static mysqlcluster.bootstrap.PodTemplate.list;
import static mysqlcluster.bootstrap.PodTemplate.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the harness's Prometheus runs with, all of it from the rendered objects. The PodMonitor becomes the scrape job
 * the Prometheus Operator would generate from it (prometheus-operator's pkg/prometheus/promcfg.go,
 * generatePodMonitorConfig): its relabelings come after the operator's own (drop finished pods, keep the pods the
 * selector matches and the container port the endpoint names, set namespace, container, pod, job and endpoint).
 * Kubernetes pod discovery is stood in for by a file of targets, one per container port of each pod, carrying the
 * {@code __meta_kubernetes_*} labels that discovery gives. The PrometheusRule's groups are the rule file.
 */
final class PrometheusConfig {
    /** Scrape and rule evaluation interval: short, so that a test waits seconds for an alert. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final String RULES_FILE = "rules.yaml";
    static final String TARGETS_FILE = "targets.json";
    private static final String META = "__meta_kubernetes_";

    private final Map<String, Object> podMonitor;
    private final Map<String, Object> prometheusRule;
    private final Map<String, Object> statefulSet;

    private PrometheusConfig(Map<String, Object> podMonitor, Map<String, Object> prometheusRule,
                             Map<String, Object> statefulSet) {
        this.podMonitor = podMonitor;
        this.prometheusRule = prometheusRule;
        this.statefulSet = statefulSet;
    }

    /** Fails when the manifests have no PodMonitor or PrometheusRule (monitoring.prometheusOperator off). */
    static PrometheusConfig from(List<Map<String, Object>> manifests) {
        return new PrometheusConfig(one(manifests, "PodMonitor"), one(manifests, "PrometheusRule"),
                one(manifests, "StatefulSet"));
    }

    private static Map<String, Object> one(List<Map<String, Object>> manifests, String kind) {
        var found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + kind + " in the manifests, found " + found.size()
                    + " (is monitoring.prometheusOperator on in the stack?)");
        }
        return found.get(0);
    }

    /** prometheus.yml, with the rule file and the targets file in configDir (as Prometheus sees it). */
    String prometheusYaml(String configDir) {
        Map<String, Object> meta = map(podMonitor, "metadata");
        String namespace = String.valueOf(meta.get("namespace"));
        String name = String.valueOf(meta.get("name"));
        // one scrape job per endpoint, numbered in order, as the operator generates them
        var endpoints = list(map(podMonitor, "spec").get("podMetricsEndpoints"));
        var jobs = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < endpoints.size(); i++) {
            Map<String, Object> endpoint = endpoints.get(i);
            var relabel = new ArrayList<Map<String, Object>>(operatorRelabelings(namespace, name,
                    (String) endpoint.get("port")));
            for (var r : list(endpoint.get("relabelings"))) {
                relabel.add(snakeCase(r));
            }
            var job = new LinkedHashMap<String, Object>();
            job.put("job_name", "podMonitor/" + namespace + "/" + name + "/" + i);
            job.put("file_sd_configs", List.of(Map.of("files", List.of(configDir + "/" + TARGETS_FILE),
                    "refresh_interval", seconds(INTERVAL))));
            job.put("relabel_configs", relabel);
            jobs.add(job);
        }
        var config = new LinkedHashMap<String, Object>();
        config.put("global", Map.of("scrape_interval", seconds(INTERVAL), "scrape_timeout", seconds(INTERVAL),
                "evaluation_interval", seconds(INTERVAL)));
        config.put("rule_files", List.of(configDir + "/" + RULES_FILE));
        config.put("scrape_configs", jobs);
        return yaml(config);
    }

    /** The rule file: the PrometheusRule's spec.groups as rendered. */
    String rulesYaml() {
        return yaml(Map.of("groups", map(prometheusRule, "spec").get("groups")));
    }

    /** The rendered {@code for} of the alert rule of that name whose labels include these (e.g. a severity). */
    @SuppressWarnings("unchecked")
    Duration alertFor(String alert, Map<String, String> labels) {
        var found = new ArrayList<Duration>();
        for (var group : list(map(prometheusRule, "spec").get("groups"))) {
            for (var rule : list(group.get("rules"))) {
                var ruleLabels = (Map<String, String>) rule.getOrDefault("labels", Map.of());
                if (alert.equals(rule.get("alert")) && ruleLabels.entrySet().containsAll(labels.entrySet())) {
                    found.add(prometheusDuration((String) rule.get("for")));
                }
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " rules for alert " + alert + " with " + labels);
        }
        return found.get(0);
    }

    /** The targets file: what pod discovery would find for these pods, one target per container port. */
    String targetsJson(Collection<EmulatedPod> pods) {
        Map<String, Object> template = map(map(statefulSet, "spec"), "template");
        Map<String, Object> podLabels = map(map(template, "metadata"), "labels");
        String namespace = String.valueOf(map(statefulSet, "metadata").get("namespace"));
        var targets = new ArrayList<Map<String, Object>>();
        for (EmulatedPod pod : pods) {
            for (var container : list(map(template, "spec").get("containers"))) {
                for (var port : list(container.get("ports"))) {
                    int number = ((Number) port.get("containerPort")).intValue();
                    var labels = new TreeMap<String, String>();
                    labels.put(META + "namespace", namespace);
                    labels.put(META + "pod_name", pod.name());
                    labels.put(META + "pod_ip", pod.address());
                    labels.put(META + "pod_phase", kubernetesPhase(pod.phase()));
                    labels.put(META + "pod_container_name", String.valueOf(container.get("name")));
                    labels.put(META + "pod_container_port_name", String.valueOf(port.getOrDefault("name", "")));
                    labels.put(META + "pod_container_port_number", String.valueOf(number));
                    podLabels.forEach((key, value) -> {
                        labels.put(META + "pod_label_" + sanitize(key), String.valueOf(value));
                        labels.put(META + "pod_labelpresent_" + sanitize(key), "true");
                    });
                    targets.add(Map.of("targets", List.of(pod.address() + ":" + number), "labels", labels));
                }
            }
        }
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the operator puts before a PodMonitor endpoint's own relabelings (the defaults: no jobLabel, no extras). */
    private List<Map<String, Object>> operatorRelabelings(String namespace, String name, String port) {
        var result = new ArrayList<Map<String, Object>>();
        result.add(Map.of("action", "drop", "source_labels", List.of(META + "pod_phase"), "regex", "(Failed|Succeeded)"));
        Map<String, Object> selector = map(map(podMonitor, "spec"), "selector");
        new TreeMap<>(map(selector, "matchLabels")).forEach((key, value) -> result.add(Map.of("action", "keep",
                "source_labels", List.of(META + "pod_label_" + sanitize(key), META + "pod_labelpresent_" + sanitize(key)),
                "regex", "(" + value + ");true")));
        result.add(Map.of("action", "keep", "source_labels", List.of(META + "pod_container_port_name"), "regex", port));
        result.add(Map.of("source_labels", List.of(META + "namespace"), "target_label", "namespace"));
        result.add(Map.of("source_labels", List.of(META + "pod_container_name"), "target_label", "container"));
        result.add(Map.of("source_labels", List.of(META + "pod_name"), "target_label", "pod"));
        result.add(Map.of("target_label", "job", "replacement", namespace + "/" + name));
        result.add(Map.of("target_label", "endpoint", "replacement", port));
        return result;
    }

    /** The Prometheus Operator's relabel fields are camelCase (sourceLabels), Prometheus's snake_case. */
    private static Map<String, Object> snakeCase(Map<String, Object> relabeling) {
        var result = new LinkedHashMap<String, Object>();
        relabeling.forEach((key, value) -> result.put(key.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT),
                value));
        return result;
    }

    /** The emulated kubelet's phases as the API reports them (Init is Pending there). */
    private static String kubernetesPhase(String phase) {
        return "Running".equals(phase) || "Failed".equals(phase) ? phase : "Pending";
    }

    /** Kubernetes discovery's label names: every character but letters, digits and _ becomes _. */
    private static String sanitize(String labelKey) {
        return labelKey.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static Duration prometheusDuration(String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("not a duration of s, m or h: " + text);
        };
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }

    private static String yaml(Object value) {
        try {
            return new YAMLMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
