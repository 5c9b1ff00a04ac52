package mysqlcluster.cluster;

import static mysqlcluster.cluster.ManifestView.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import mysqlcluster.render.MockRun;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;

/**
 * The exporter sidecar, and the Prometheus Operator objects and NetworkPolicy rule that let a Prometheus scrape it,
 * as declared on the mocks: what each field means for the kubelet, the Prometheus Operator and Prometheus.
 */
class MonitoringPartTest {
    static final String PASSWORDS = """
              mysql-cluster:rootPassword: {secure: v1:a:b}
              mysql-cluster:replicationPassword: {secure: v1:a:b}
              mysql-cluster:backupPassword: {secure: v1:a:b}
            """;
    static final String EXPORTER_PASSWORD = "  mysql-cluster:exporterPassword: {secure: v1:a:b}\n";
    static final String OPERATOR = "  mysql-cluster:monitoring: {prometheusOperator: true}\n";

    static ManifestView view(Settings settings) {
        return new ManifestView(MockRun.of(settings, SecretValues.redacted()).manifests());
    }

    static Settings stack(String config) {
        return Settings.read(StackFile.parse("config:\n" + config + PASSWORDS, Path.of("Pulumi.test.yaml")));
    }

    static Map<String, Object> podSpec(ManifestView view) {
        return get(view.one("StatefulSet", "mysql"), "spec.template.spec");
    }

    @Test
    void everyPodRunsTheExporterOnItsOptionFileUnderTheRestrictedStandard() {
        var spec = podSpec(view(TestStacks.settings("dev")));
        Map<String, Object> exporter = get(spec, "containers[exporter]");
        assertEquals("prom/mysqld-exporter:v0.19.0", exporter.get("image"));
        assertNull(exporter.get("command"), "the image's entrypoint, /bin/mysqld_exporter, runs");
        assertEquals(List.of("--config.my-cnf=/etc/mysqld-exporter/my.cnf", "--web.listen-address=:9104"),
                exporter.get("args"));
        assertEquals(List.of(Map.of("name", "metrics", "containerPort", 9104L, "protocol", "TCP")), exporter.get("ports"));
        assertEquals(List.of(Map.of("name", "exporter-config", "mountPath", "/etc/mysqld-exporter", "readOnly", true)),
                exporter.get("volumeMounts"));
        assertNull(exporter.get("env"), "the password reaches it only through the option file");
        assertEquals("Memory", get(spec, "volumes[exporter-config].emptyDir.medium"), "the password never hits disk");
        assertEquals(Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"), "limits", Map.of("memory", "128Mi")),
                exporter.get("resources"));
        assertEquals(999L, (long) get(exporter, "securityContext.runAsUser"),
                "the option file init-config.sh writes is mode 600, owned by uid 999");
        assertEquals(true, get(exporter, "securityContext.runAsNonRoot"));
        assertEquals(false, get(exporter, "securityContext.allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), get(exporter, "securityContext.capabilities.drop"));
        assertEquals("RuntimeDefault", get(exporter, "securityContext.seccompProfile.type"));

        Map<String, Object> initConfig = get(spec, "initContainers[init-config]");
        assertTrue(((List<?>) initConfig.get("volumeMounts")).contains(
                Map.of("name", "exporter-config", "mountPath", "/etc/mysqld-exporter")), "init-config writes the file");
        assertEquals("/etc/mysqld-exporter/my.cnf", get(initConfig, "env[EXPORTER_CONFIG_FILE].value"));
        assertEquals("exporter", get(initConfig, "env[EXPORTER_USER].value"));
        assertEquals("127.0.0.1", get(initConfig, "env[EXPORTER_HOST].value"), "it scrapes its own pod's server");
        assertEquals("exporter-password", get(initConfig, "env[EXPORTER_PASSWORD].valueFrom.secretKeyRef.key"));
        Map<String, Object> sidecar = get(spec, "containers[sidecar]");
        assertEquals("exporter", get(sidecar, "env[EXPORTER_USER].value"), "the sidecar creates the same user");
        assertEquals("3", get(sidecar, "env[EXPORTER_MAX_CONNECTIONS].value"));
        assertEquals("exporter-password", get(sidecar, "env[EXPORTER_PASSWORD].valueFrom.secretKeyRef.key"));
    }

    @Test
    void theExportersImageAndResourcesAreConfigurable() {
        var spec = podSpec(view(stack("""
                  mysql-cluster:images: {exporter: 'registry.example/mysqld-exporter:v0.20.0'}
                  mysql-cluster:resources: {exporter: {cpu: 20m, memory: 32Mi, memoryLimit: 64Mi}}
                  mysql-cluster:exporterPassword: {secure: v1:a:b}
                """)));
        assertEquals("registry.example/mysqld-exporter:v0.20.0", get(spec, "containers[exporter].image"));
        assertEquals(Map.of("requests", Map.of("cpu", "20m", "memory", "32Mi"), "limits", Map.of("memory", "64Mi")),
                get(spec, "containers[exporter].resources"));
    }

    @Test
    void withTheExporterOffThereIsNoExporterNoItsPasswordNoScrapeRule() {
        var view = view(stack("  mysql-cluster:monitoring: {exporter: false}\n"));
        var spec = podSpec(view);
        assertEquals(List.of("server", "sidecar"),
                ((List<Map<String, Object>>) spec.get("containers")).stream().map(c -> c.get("name")).toList());
        for (String kind : List.of("StatefulSet", "Secret", "NetworkPolicy")) {
            String objects = view.all(kind).toString();
            assertFalse(objects.contains("exporter"), kind + ": no exporter volume, env, password or rule: " + objects);
            assertFalse(objects.contains("9104"), kind);
        }
        assertTrue(view.all("PodMonitor").isEmpty());
        assertTrue(view.all("PrometheusRule").isEmpty());
    }

    @Test
    void theNetworkPolicyAdmitsOnlyTheScrapeNamespaceToTheMetricsPorts() {
        var exporter = Map.of("protocol", "TCP", "port", 9104L);
        var archiver = Map.of("protocol", "TCP", "port", 9105L);
        // prod: backups on, so the archiver's metrics port too; without backups, the exporter's alone
        for (var stack : List.of(Map.entry(TestStacks.settings("prod"), List.of(exporter, archiver)),
                Map.entry(stack(EXPORTER_PASSWORD), List.of(exporter)))) {
            var policy = view(stack.getKey()).one("NetworkPolicy", "mysql");
            List<Map<String, Object>> rules = get(policy, "spec.ingress");
            var metrics = rules.stream().filter(r -> ((List<?>) get(r, "ports")).contains(exporter)).toList();
            assertEquals(1, metrics.size());
            assertEquals(stack.getValue(), metrics.get(0).get("ports"));
            assertEquals(List.of(Map.of("podSelector", Map.of("matchLabels", Map.of()),
                            "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")))),
                    metrics.get(0).get("from"));
        }
    }

    @Test
    void onlyStacksThatAskForThemGetThePrometheusOperatorObjects() {
        var dev = view(TestStacks.settings("dev"));
        assertTrue(dev.all("PodMonitor").isEmpty());
        assertTrue(dev.all("PrometheusRule").isEmpty());
        for (String stack : List.of("staging", "prod")) {
            var view = view(TestStacks.settings(stack));
            assertEquals(1, view.all("PodMonitor").size(), stack);
            assertEquals(1, view.all("PrometheusRule").size(), stack);
        }
    }

    @Test
    void thePodMonitorScrapesTheMetricsPortOfTheClustersPodsAndCarriesTheReleaseLabel() {
        var view = view(TestStacks.settings("prod"));
        var monitor = view.one("PodMonitor", "mysql");
        assertEquals("monitoring.coreos.com/v1", monitor.get("apiVersion"));
        assertEquals("mysql-prod", get(monitor, "metadata.namespace"));
        assertEquals("kube-prometheus-stack", get(monitor, "metadata.labels.release"),
                "kube-prometheus-stack selects monitors by its release label");
        Map<String, String> labels = get(monitor, "metadata.labels");
        assertEquals("mysql", labels.get("app.kubernetes.io/instance"), "and the cluster's own labels");
        Map<String, String> podLabels = get(view.one("StatefulSet", "mysql"), "spec.template.metadata.labels");
        Map<String, String> selector = get(monitor, "spec.selector.matchLabels");
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "selects the cluster's pods");
        List<Map<String, Object>> endpoints = get(monitor, "spec.podMetricsEndpoints");
        assertEquals(List.of("metrics", "archive-metrics"), endpoints.stream().map(e -> e.get("port")).toList(),
                "the exporter's, and with backups on the archiver's");
        assertEquals(endpoints.get(0).get("relabelings"), endpoints.get(1).get("relabelings"),
                "both carry the pod, role and namespace labels the rules select by");
        var sts = view.one("StatefulSet", "mysql");
        assertEquals(Long.valueOf(9104), get(sts, "spec.template.spec.containers[exporter].ports[metrics].containerPort"));
        assertEquals(Long.valueOf(9105), get(sts, "spec.template.spec.containers[archiver].ports[archive-metrics].containerPort"));
        assertEquals(List.of("metrics"), ((List<Map<String, Object>>) get(view(stack(OPERATOR + EXPORTER_PASSWORD)).one("PodMonitor", "mysql"), "spec.podMetricsEndpoints")).stream().map(e -> e.get("port")).toList(),
                "without backups, the exporter's alone");
    }

    @Test
    void relabelingKeepsRunningPodsAndDerivesTheRoleFromTheOrdinal() {
        var monitor = view(TestStacks.settings("prod")).one("PodMonitor", "mysql");
        List<Map<String, Object>> endpoints = get(monitor, "spec.podMetricsEndpoints");
        List<Map<String, Object>> relabelings = get(endpoints.get(0), "relabelings");
        assertEquals(Map.of("role", "primary", "pod", "mysql-0", "namespace", "mysql-prod"),
                relabel(relabelings, "mysql-0", "Running"));
        assertEquals(Map.of("role", "replica", "pod", "mysql-1", "namespace", "mysql-prod"),
                relabel(relabelings, "mysql-1", "Running"));
        assertEquals(Map.of("role", "replica", "pod", "mysql-10", "namespace", "mysql-prod"),
                relabel(relabelings, "mysql-10", "Running"));
        assertNull(relabel(relabelings, "mysql-2", "Pending"), "a pod that is not running is not scraped");
        assertNull(relabel(relabelings, "mysql-2", "Succeeded"));
    }

    /** Prometheus's keep and replace relabeling (anchored regexes) on a pod target; null when dropped. */
    static Map<String, String> relabel(List<Map<String, Object>> relabelings, String pod, String phase) {
        var labels = new HashMap<>(Map.of("__meta_kubernetes_pod_name", pod, "__meta_kubernetes_pod_phase", phase,
                "__meta_kubernetes_namespace", "mysql-prod"));
        for (var r : relabelings) {
            String source = String.join(";", ((List<String>) r.get("sourceLabels")).stream()
                    .map(l -> labels.getOrDefault(l, "")).toList());
            var m = java.util.regex.Pattern.compile((String) r.get("regex")).matcher(source);
            switch ((String) r.get("action")) {
                case "keep" -> {
                    if (!m.matches()) {
                        return null;
                    }
                }
                case "replace" -> {
                    if (m.matches()) {
                        labels.put((String) r.get("targetLabel"), m.replaceFirst(((String) r.get("replacement"))));
                    }
                }
                default -> throw new AssertionError("unexpected action " + r.get("action"));
            }
        }
        var kept = new LinkedHashMap<String, String>();
        labels.forEach((k, v) -> {
            if (!k.startsWith("__")) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    @Test
    void thePrometheusRuleHoldsTheRenderedRulesWithTheStacksSelectors() {
        var settings = TestStacks.settings("prod");
        var rule = view(settings).one("PrometheusRule", "mysql");
        assertEquals("monitoring.coreos.com/v1", rule.get("apiVersion"));
        assertEquals("kube-prometheus-stack", get(rule, "metadata.labels.release"));
        assertEquals(AlertRules.groups(settings), get(rule, "spec.groups"),
                "the PrometheusRule's groups are the promtool-tested file, rendered for this stack");
        List<Map<String, Object>> groups = get(rule, "spec.groups");
        assertEquals(List.of("mysql-cluster-server", "mysql-cluster-replication", "mysql-cluster-replication-lag",
                "mysql-cluster-storage", "mysql-cluster-exporter", "mysql-cluster-backup", "mysql-cluster-binlog-archive"),
                groups.stream().map(g -> g.get("name")).toList(), "prod has backups on: their groups come last");
        List<Map<String, Object>> serverRules = get(groups.get(0), "rules");
        assertEquals("mysql_up{namespace=\"mysql-prod\", pod=~\"mysql-[0-9]+\"} == 0", serverRules.get(0).get("expr"));
        assertEquals("1m", serverRules.get(0).get("for"));
        // prod's schedule runs daily (86400 s), a late run may start within 3600 s, and a run of its 200Gi volume at
        // 100 MiB/s may take 600 + 2 x 204800 / 100 = 4696 s
        String overdue = (String) ((List<Map<String, Object>>) get(groups.get(5), "rules")).get(0).get("expr");
        assertTrue(overdue.contains("kube_cronjob_status_last_successful_time{namespace=\"mysql-prod\", "
                + "cronjob=\"mysql-backup\"}"), overdue);
        assertTrue(overdue.endsWith(") > 94696"), overdue);
        String behind = (String) ((List<Map<String, Object>>) get(groups.get(6), "rules")).get(0).get("expr");
        assertEquals("time() - mysql_cluster_binlog_archive_caught_up_timestamp_seconds{namespace=\"mysql-prod\", "
                + "pod=~\"mysql-[0-9]+\"} > 300", behind, "prod's RPO: 5 minutes");
        var withoutBackups = groups(stack(OPERATOR + EXPORTER_PASSWORD));
        assertFalse(withoutBackups.contains("mysql-cluster-backup"), withoutBackups.toString());
    }

    private static List<Object> groups(Settings settings) {
        List<Map<String, Object>> groups = get(view(settings).one("PrometheusRule", "mysql"), "spec.groups");
        return groups.stream().map(g -> g.get("name")).toList();
    }
}
