package mysqlcluster.cluster;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import mysqlcluster.crd.CustomObjectArgs;
import mysqlcluster.prometheus.PodMonitor;
import mysqlcluster.prometheus.PrometheusRule;
import mysqlcluster.prometheus.inputs.PodMetricsEndpointArgs;
import mysqlcluster.prometheus.inputs.PodMonitorSpecArgs;
import mysqlcluster.prometheus.inputs.PrometheusRuleSpecArgs;
import mysqlcluster.prometheus.inputs.RelabelConfigArgs;
import mysqlcluster.prometheus.inputs.RuleArgs;
import mysqlcluster.prometheus.inputs.RuleGroupArgs;
import mysqlcluster.settings.Settings;

/**
 * What a Prometheus Operator needs to watch the cluster, when monitoring.prometheusOperator is on: a PodMonitor that
 * scrapes every pod's exporter (and with backups its archiver's metrics), and a PrometheusRule with the alert rules. Both carry monitoring.labels, by which a
 * Prometheus selects them.
 */
record MonitoringPart(Optional<PodMonitor> podMonitor, Optional<PrometheusRule> rule) {
    static final String PHASE_LABEL = "__meta_kubernetes_pod_phase";
    static final String POD_NAME_LABEL = "__meta_kubernetes_pod_name";
    static final String NAMESPACE_LABEL = "__meta_kubernetes_namespace";

    static MonitoringPart declare(Settings settings, Names names, NamespacePart namespace, Resource parent) {
        if (!settings.monitoring().prometheusOperator()) {
            return new MonitoringPart(Optional.empty(), Optional.empty());
        }
        var metadata = metadata(settings, names);
        var endpoints = new ArrayList<>(List.of(PodMetricsEndpointArgs.of(PodLayout.METRICS_PORT_NAME,
                relabelings(names))));
        if (settings.backup().enabled()) {
            endpoints.add(PodMetricsEndpointArgs.of(PodLayout.ARCHIVE_METRICS_PORT_NAME, relabelings(names)));
        }
        var podMonitor = new PodMonitor(names.statefulSet(), CustomObjectArgs.of(metadata,
                PodMonitorSpecArgs.of(LabelSelectorArgs.builder().matchLabels(names.selector()).build(), endpoints)),
                Options.inNamespace(parent, namespace).build());
        var rule = new PrometheusRule(names.statefulSet(), CustomObjectArgs.of(metadata,
                PrometheusRuleSpecArgs.of(ruleGroups(settings))),
                Options.inNamespace(parent, namespace).build());
        return new MonitoringPart(Optional.of(podMonitor), Optional.of(rule));
    }

    /** The cluster's labels and the configured ones (which win: they are what a Prometheus selects by). */
    private static ObjectMetaArgs metadata(Settings settings, Names names) {
        var labels = new TreeMap<>(names.labels());
        labels.putAll(settings.monitoring().labels());
        return ObjectMetaArgs.builder().name(names.statefulSet()).namespace(names.namespace()).labels(labels).build();
    }

    /**
     * Only running pods (a finished or pending pod has no exporter to scrape); role from the pod's name, since the
     * primary is always ordinal 0; pod and namespace kept as the alert rules' selectors read them.
     */
    static List<RelabelConfigArgs> relabelings(Names names) {
        return List.of(
                RelabelConfigArgs.keep(PHASE_LABEL, "Running"),
                RelabelConfigArgs.replace(POD_NAME_LABEL, names.primaryPod(), "role", "primary"),
                RelabelConfigArgs.replace(POD_NAME_LABEL, names.statefulSet() + "-[1-9][0-9]*", "role", "replica"),
                RelabelConfigArgs.replace(POD_NAME_LABEL, "(.+)", "pod", "$1"),
                RelabelConfigArgs.replace(NAMESPACE_LABEL, "(.+)", "namespace", "$1"));
    }

    @SuppressWarnings("unchecked")
    private static List<RuleGroupArgs> ruleGroups(Settings settings) {
        return AlertRules.groups(settings).stream().map(group -> RuleGroupArgs.of((String) group.get("name"),
                ((List<Map<String, Object>>) group.get("rules")).stream().map(r -> RuleArgs.alert(
                        (String) r.get("alert"), (String) r.get("expr"), (String) r.get("for"),
                        (Map<String, String>) r.getOrDefault("labels", Map.of()),
                        (Map<String, String>) r.getOrDefault("annotations", Map.of()))).toList())).toList();
    }
}
