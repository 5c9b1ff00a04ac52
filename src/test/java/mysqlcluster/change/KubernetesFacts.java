package mysqlcluster.change;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Kubernetes and the Pulumi provider do with a changed field, written down once with their sources. The
 * change-impact table is derived from these and from the objects the program renders before and after a change.
 */
final class KubernetesFacts {
    private KubernetesFacts() {
    }

    /** Every object: its identity. */
    static final List<String> IDENTITY = List.of("metadata.name", "metadata.namespace");

    /**
     * Fields pulumi-kubernetes 4.0.0 replaces the object for when they change (provider/pkg/provider/diff.go,
     * forceNewProperties; ConfigMap data only while kubernetes:enableConfigMapMutable is off, its default). The
     * provider deletes first when the name stays the same (provider.go, Diff: deleteBeforeReplace).
     */
    static final Map<String, List<String>> PROVIDER_REPLACES = Map.of(
            "StorageClass", List.of("parameters", "provisioner"),
            "StatefulSet", List.of("spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.selector",
                    "spec.serviceName", "spec.volumeClaimTemplates"),
            "Secret", List.of("type", "stringData", "data"),
            "ConfigMap", List.of("data", "binaryData"),
            "Service", List.of("spec.clusterIP"),
            "PersistentVolumeClaim", List.of("spec.accessModes", "spec.selector", "spec.storageClassName",
                    "spec.volumeName"));

    /**
     * Fields the API server refuses to update (kubernetes pkg/apis/*&#47;validation: ValidateStorageClassUpdate,
     * ValidateStatefulSetUpdate allows only replicas, ordinals, template, updateStrategy,
     * persistentVolumeClaimRetentionPolicy and minReadySeconds; ValidateConfigMapUpdate for an immutable ConfigMap;
     * ValidatePersistentVolumeClaimUpdate allows only a larger storage request). An update touching one fails.
     */
    static final Map<String, List<String>> API_IMMUTABLE = Map.of(
            "StorageClass", List.of("parameters", "provisioner", "reclaimPolicy", "volumeBindingMode"),
            "StatefulSet", List.of("spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.selector",
                    "spec.serviceName", "spec.volumeClaimTemplates"),
            "ConfigMap", List.of("data", "binaryData", "immutable"),
            "PersistentVolumeClaim", List.of("spec.accessModes", "spec.selector", "spec.storageClassName",
                    "spec.volumeName", "spec.volumeMode"),
            "Service", List.of("spec.clusterIP"));

    /** What holds the data, directly or by owning it: never replaced or deleted as a side effect of a change. */
    static final Set<String> DATA_BEARING = Set.of("Namespace", "CephBlockPool", "StatefulSet", "PersistentVolumeClaim");

    /** The StatefulSet field whose change rolls the pods (RollingUpdate: highest ordinal first, one at a time). */
    static final String POD_TEMPLATE = "spec.template";

    /**
     * A larger storage request on a bound claim is expanded by the CSI driver; Ceph RBD grows the image and the
     * filesystem online (Kubernetes "Expanding Persistent Volumes Claims"; ceph-csi supports online expansion).
     */
    static final String CLAIM_GROWTH = "the claims grow online, one patch per pod; the StatefulSet's claim template"
            + " keeps the old size (see [Growing volumes](operations.md#growing-volumes))";

    /** Pods read the passwords from the Secret (secretKeyRef) when a container starts, not when the Secret changes. */
    static final String PASSWORD_STEP = "the pods read passwords when they start: roll them with kubectl rollout restart"
            + " statefulset <name> (replication, backup and exporter passwords; root and app passwords: see"
            + " [Passwords](secrets.md#changing-them))";

    static boolean matches(String changedPath, List<String> fields) {
        return fields.stream().anyMatch(f -> changedPath.equals(f) || changedPath.startsWith(f + ".")
                || changedPath.startsWith(f + "["));
    }
}
