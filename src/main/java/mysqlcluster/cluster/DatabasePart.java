package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.apps.v1.StatefulSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetPersistentVolumeClaimRetentionPolicyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetUpdateStrategyArgs;
import com.pulumi.kubernetes.core.v1.inputs.AffinityArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodAffinityTermArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodAntiAffinityArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.WeightedPodAffinityTermArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mysqlcluster.settings.Settings;

/** The seed's StatefulSet (config by ordinal, clone, server, sidecar) and a PodDisruptionBudget for it. */
record DatabasePart(StatefulSet statefulSet, PodDisruptionBudget disruptionBudget, ClaimSizePart claims) {
    /** Kubernetes forbids changing it; ClaimSizePart grows the claims instead. */
    static final String CLAIM_TEMPLATES = "spec.volumeClaimTemplates";
    static final String RETAIN = "Retain";
    /** Pulumi's own wait for a StatefulSet; clones of big volumes need more (see rolloutTimeout). */
    static final int BASE_TIMEOUT_MINUTES = 10;
    /**
     * What `pulumi up` waits for instead of the provider's own StatefulSet wait, which in 4.25.0 trusts a status the
     * controller wrote for the previous spec and can return before the pods roll (fixed in 4.26.0, #4094, which the
     * Go module proxy does not serve). The provider's JSONPath wait first requires status.observedGeneration to
     * have reached metadata.generation; then every pod must be ready and at the update revision, and the
     * controller must have made that revision current (currentReplicas counts the pods of the current revision).
     */
    static final String WAIT_FOR_ANNOTATION = "pulumi.com/waitFor";

    static DatabasePart declare(Settings settings, Names names, NamespacePart namespace, ServerConfigPart config,
                                CredentialsPart credentials, StoragePart storage, EndpointsPart endpoints,
                                BackupPart backup, Resource parent) {
        var spec = StatefulSetSpecArgs.builder()
                .serviceName(endpoints.headless().metadata().applyValue(m -> m.name().orElseThrow()))
                .replicas(settings.cluster().replicas())
                .podManagementPolicy("OrderedReady")
                .updateStrategy(StatefulSetUpdateStrategyArgs.builder().type("RollingUpdate").build())
                .selector(LabelSelectorArgs.builder().matchLabels(names.selector()).build())
                .persistentVolumeClaimRetentionPolicy(StatefulSetPersistentVolumeClaimRetentionPolicyArgs.builder()
                        .whenDeleted(RETAIN).whenScaled(RETAIN).build())
                .template(podTemplate(settings, names, config))
                .volumeClaimTemplates(claim(settings, storage.storageClassName()))
                .build();
        var dependencies = new ArrayList<Resource>(endpoints.services());
        dependencies.add(config.configMap());
        credentials.secret().ifPresent(dependencies::add);
        // the archiver reads the claimed bucket's ConfigMap and Secret, which Rook makes for the claim
        backup.claim().ifPresent(dependencies::add);
        Duration timeout = Duration.ofMinutes(rolloutTimeoutMinutes(settings));
        boolean protect = settings.cluster().protect();
        var statefulSet = new StatefulSet(names.statefulSet(), StatefulSetArgs.builder()
                .metadata(ObjectMetaArgs.builder(Meta.namespaced(names, names.statefulSet()))
                        .annotations(Map.of(WAIT_FOR_ANNOTATION, rolledOut(settings.cluster().replicas())))
                        .build())
                .spec(spec)
                .build(), Options.inNamespace(parent, namespace)
                .dependsOn(dependencies)
                .ignoreChanges(List.of(CLAIM_TEMPLATES))
                .protect(protect)
                .retainOnDelete(protect)
                .customTimeouts(CustomTimeouts.builder().create(timeout).update(timeout).build())
                .build());
        var pdb = new PodDisruptionBudget(names.statefulSet(), PodDisruptionBudgetArgs.builder()
                .metadata(Meta.namespaced(names, names.statefulSet()))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        .maxUnavailable(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(names.selector()).build())
                        .build())
                .build(), Options.inNamespace(parent, namespace).build());
        return new DatabasePart(statefulSet, pdb, ClaimSizePart.declare(settings, names, statefulSet, parent));
    }

    /** Known once the StatefulSet's rollout and every claim patch succeeded. */
    Output<Boolean> rolledOut() {
        var done = new ArrayList<Output<String>>();
        done.add(statefulSet.metadata().applyValue(m -> m.name().orElse("")));
        claims.patches().forEach(p -> done.add(p.metadata().applyValue(m -> "")));
        return Output.all(done).applyValue(ignored -> true);
    }

    /** The pulumi.com/waitFor conditions of a StatefulSet of REPLICAS pods that has rolled out: a JSON list. */
    static String rolledOut(int replicas) {
        return Stream.of("readyReplicas", "updatedReplicas", "currentReplicas")
                .map(field -> "\"jsonpath={.status." + field + "}=" + replicas + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * How long Pulumi waits for the StatefulSet: the configured value, or 10 minutes plus the time to clone a full
     * volume once per replica (clones run one after the other, OrderedReady) at the configured clone rate.
     */
    static long rolloutTimeoutMinutes(Settings settings) {
        var rollout = settings.rollout();
        if (rollout.readyTimeoutMinutes() != null) {
            return rollout.readyTimeoutMinutes();
        }
        long volumeMiB = Quantities.mebibytes(settings.storage().volumeSize());
        long clones = settings.cluster().replicas() - 1L;
        long cloneSeconds = clones * volumeMiB / rollout.cloneMiBPerSecond();
        return BASE_TIMEOUT_MINUTES + (cloneSeconds + 59) / 60;
    }

    private static PodTemplateSpecArgs podTemplate(Settings settings, Names names, ServerConfigPart config) {
        return PodTemplateSpecArgs.builder()
                .metadata(ObjectMetaArgs.builder().labels(names.labels()).build())
                .spec(PodSpecArgs.builder()
                        .securityContext(PodSecurity.pod())
                        .terminationGracePeriodSeconds(60)
                        .affinity(affinity(settings, names))
                        .initContainers(Containers.init(settings, names))
                        .containers(Containers.main(settings, names))
                        .volumes(volumes(settings, names, config))
                        .build())
                .build();
    }

    private static List<VolumeArgs> volumes(Settings settings, Names names, ServerConfigPart config) {
        var volumes = new ArrayList<>(List.of(
                VolumeArgs.builder().name(PodLayout.CONF_VOLUME)
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build(),
                VolumeArgs.builder().name(PodLayout.TMP_VOLUME)
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build(),
                VolumeArgs.builder().name(PodLayout.CONFIG_VOLUME)
                        .configMap(ConfigMapVolumeSourceArgs.builder().name(config.name()).build())
                        .build()));
        if (settings.monitoring().exporter()) {
            // the exporter's password never touches the node's disk
            volumes.add(VolumeArgs.builder().name(PodLayout.EXPORTER_CONFIG_VOLUME)
                    .emptyDir(EmptyDirVolumeSourceArgs.builder().medium("Memory").build()).build());
        }
        if (settings.backup().enabled()) {
            volumes.add(BucketAccess.backup(settings, names).keysVolume());
        }
        if (settings.restore().isSet()) {
            volumes.add(BucketAccess.restore(settings).keysVolume());
        }
        return volumes;
    }

    private static AffinityArgs affinity(Settings settings, Names names) {
        var term = PodAffinityTermArgs.builder()
                .labelSelector(LabelSelectorArgs.builder().matchLabels(names.selector()).build())
                .topologyKey(settings.scheduling().topologyKey())
                .build();
        var antiAffinity = "required".equals(settings.scheduling().antiAffinity())
                ? PodAntiAffinityArgs.builder().requiredDuringSchedulingIgnoredDuringExecution(term)
                : PodAntiAffinityArgs.builder().preferredDuringSchedulingIgnoredDuringExecution(
                        WeightedPodAffinityTermArgs.builder().weight(100).podAffinityTerm(term).build());
        return AffinityArgs.builder().podAntiAffinity(antiAffinity.build()).build();
    }

    private static PersistentVolumeClaimArgs claim(Settings settings, Output<String> storageClassName) {
        return PersistentVolumeClaimArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(PodLayout.DATA_VOLUME).build())
                .spec(PersistentVolumeClaimSpecArgs.builder()
                        .accessModes(List.of("ReadWriteOnce"))
                        .storageClassName(storageClassName)
                        .resources(ResourceRequirementsArgs.builder()
                                .requests(Map.of("storage", settings.storage().volumeSize())).build())
                        .build())
                .build();
    }
}
