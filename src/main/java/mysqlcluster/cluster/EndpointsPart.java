package mysqlcluster.cluster;

import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mysqlcluster.settings.ClientSelector;
import mysqlcluster.settings.Settings;

/**
 * The seed's Services, plus the write Service it lacked: the headless governing Service (stable pod DNS names),
 * a write Service on the primary only, a read Service over every pod; and the NetworkPolicy in front of them.
 */
record EndpointsPart(Service headless, Service write, Service read, Optional<Service> donors,
                     Optional<NetworkPolicy> networkPolicy) {
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    static EndpointsPart declare(Settings settings, Names names, NamespacePart namespace, Resource parent) {
        var headlessPorts = settings.engine().streamsBackups() ? List.of(mysqlPort(), clonePort()) : List.of(mysqlPort());
        var headless = service(names, names.headlessService(), ServiceSpecArgs.builder()
                .clusterIP("None")
                .publishNotReadyAddresses(true)
                .selector(names.selector())
                .ports(headlessPorts), namespace, parent);
        var primaryOnly = new LinkedHashMap<>(names.selector());
        primaryOnly.put(Names.POD_NAME_LABEL, names.primaryPod());
        var write = service(names, names.writeService(), ServiceSpecArgs.builder()
                .type("ClusterIP")
                .selector(primaryOnly)
                .ports(mysqlPort()), namespace, parent);
        var read = service(names, names.readService(), ServiceSpecArgs.builder()
                .type("ClusterIP")
                .selector(names.selector())
                .ports(mysqlPort()), namespace, parent);
        // headless, and without publishNotReadyAddresses (false, which the API server leaves out): its DNS name
        // resolves to the pods the readiness probe finds fit
        Optional<Service> donors = settings.backup().enabled()
                ? Optional.of(service(names, names.donorService(), ServiceSpecArgs.builder()
                        .clusterIP("None")
                        .selector(names.selector())
                        .ports(mysqlPort()), namespace, parent))
                : Optional.empty();
        Optional<NetworkPolicy> policy = settings.network().networkPolicy()
                ? Optional.of(networkPolicy(settings, names, namespace, parent)) : Optional.empty();
        return new EndpointsPart(headless, write, read, donors, policy);
    }

    private static Service service(Names names, String name, ServiceSpecArgs.Builder spec, NamespacePart namespace,
                                   Resource parent) {
        return new Service(name, ServiceArgs.builder()
                .metadata(Meta.namespaced(names, name))
                .spec(spec.build())
                .build(), Options.inNamespace(parent, namespace).build());
    }

    private static ServicePortArgs mysqlPort() {
        return ServicePortArgs.builder().name(PodLayout.MYSQL_PORT_NAME).port(PodLayout.MYSQL_PORT)
                .targetPort(PodLayout.MYSQL_PORT_NAME).protocol("TCP").build();
    }

    private static ServicePortArgs clonePort() {
        return ServicePortArgs.builder().name(PodLayout.CLONE_PORT_NAME).port(PodLayout.CLONE_PORT)
                .targetPort(PodLayout.CLONE_PORT_NAME).protocol("TCP").build();
    }

    /**
     * MySQL from the configured clients and from the cluster's own pods (replication, and MySQL's clones); MariaDB's
     * backup streams on the clone port only between the cluster's pods; the exporter's and the archiver's metrics
     * from the namespace Prometheus scrapes from.
     */
    private static NetworkPolicy networkPolicy(Settings settings, Names names, NamespacePart namespace, Resource parent) {
        var ownPods = NetworkPolicyPeerArgs.builder()
                .podSelector(LabelSelectorArgs.builder().matchLabels(names.selector()).build()).build();
        var mysqlPeers = new ArrayList<NetworkPolicyPeerArgs>();
        mysqlPeers.add(ownPods);
        for (ClientSelector client : settings.network().allowedClients()) {
            mysqlPeers.add(peer(client));
        }
        var clonePeers = new ArrayList<NetworkPolicyPeerArgs>(List.of(ownPods));
        if (settings.backup().enabled()) {
            // the backup job clones like a new replica: MySQL over 3306, MariaDB's stream on the clone port
            var backupJob = NetworkPolicyPeerArgs.builder()
                    .podSelector(LabelSelectorArgs.builder().matchLabels(names.backupLabels()).build()).build();
            (settings.engine().streamsBackups() ? clonePeers : mysqlPeers).add(backupJob);
        }
        var rules = new ArrayList<NetworkPolicyIngressRuleArgs>();
        rules.add(NetworkPolicyIngressRuleArgs.builder().from(mysqlPeers).ports(port(PodLayout.MYSQL_PORT)).build());
        if (settings.engine().streamsBackups()) {
            rules.add(NetworkPolicyIngressRuleArgs.builder().from(clonePeers).ports(port(PodLayout.CLONE_PORT)).build());
        }
        var metricsPorts = new ArrayList<NetworkPolicyPortArgs>();
        if (settings.monitoring().exporter()) {
            metricsPorts.add(port(PodLayout.METRICS_PORT));
        }
        if (settings.backup().enabled()) {
            metricsPorts.add(port(PodLayout.ARCHIVE_METRICS_PORT));
        }
        if (!metricsPorts.isEmpty()) {
            var scraper = peer(new ClientSelector(settings.monitoring().scrapeNamespace(), null));
            rules.add(NetworkPolicyIngressRuleArgs.builder().from(scraper).ports(metricsPorts).build());
        }
        var spec = NetworkPolicySpecArgs.builder()
                .podSelector(LabelSelectorArgs.builder().matchLabels(names.selector()).build())
                .policyTypes("Ingress")
                .ingress(rules)
                .build();
        return new NetworkPolicy(names.statefulSet(), NetworkPolicyArgs.builder()
                .metadata(Meta.namespaced(names, names.statefulSet()))
                .spec(spec)
                .build(), Options.inNamespace(parent, namespace).build());
    }

    static NetworkPolicyPeerArgs peer(ClientSelector client) {
        Map<String, String> podLabels = client.podLabels() == null ? Map.of() : client.podLabels();
        var peer = NetworkPolicyPeerArgs.builder()
                .podSelector(LabelSelectorArgs.builder().matchLabels(podLabels).build());
        if (client.namespace() != null) {
            peer.namespaceSelector(LabelSelectorArgs.builder()
                    .matchLabels(Map.of(NAMESPACE_NAME_LABEL, client.namespace())).build());
        }
        return peer.build();
    }

    private static NetworkPolicyPortArgs port(int port) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(port).build();
    }

    List<Service> services() {
        var services = new ArrayList<>(List.of(headless, write, read));
        donors.ifPresent(services::add);
        return services;
    }
}
