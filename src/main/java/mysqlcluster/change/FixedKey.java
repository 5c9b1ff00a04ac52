package mysqlcluster.change;

import java.util.function.BiFunction;
import mysqlcluster.cluster.Names;
import mysqlcluster.settings.Settings;

/**
 * The config keys a deployed cluster keeps for life: each names or locates something that holds data, so a new value
 * would start an empty cluster beside the old data, or delete it; or is a field of the StorageClass that Kubernetes
 * never updates, so a new value would replace the StatefulSet with the class. Compared by their effective value (a derived pool
 * name counts as set).
 */
enum FixedKey {
    NAME("cluster.name", (s, n) -> s.cluster().name(),
            "it names the StatefulSet, its pods and their claims (data-<name>-<n>): a new name starts an empty cluster"
                    + " next to the old claims"),
    NAMESPACE("cluster.namespace", (s, n) -> s.cluster().namespace(),
            "the namespace holds the claims with the data: a new one starts an empty cluster there, and a namespace"
                    + " this stack created would be deleted with every claim in it"),
    CREATE_NAMESPACE("cluster.createNamespace", (s, n) -> String.valueOf(s.cluster().createNamespace()),
            "it decides whether this stack owns the namespace: taken away, pulumi up deletes the namespace with every"
                    + " claim in it; given, it takes over a namespace that exists (the provider creates by server-side"
                    + " apply), which a destroy would then delete",
            "the namespace stays with the stack that holds the cluster"),
    ENGINE("cluster.engine", (s, n) -> s.cluster().engine(),
            "every claim holds a data directory that engine wrote; another engine does not start on it"),
    POOL("storage.poolName", (s, n) -> n.pool(),
            "every claim is a volume in that pool: a new pool leaves them behind, and the old pool would be deleted"
                    + " with them"),
    STORAGE_CLASS("storage.storageClassName", (s, n) -> n.storageClass(),
            "every claim is bound through that StorageClass and the StatefulSet's claim template names it, which"
                    + " Kubernetes never lets change"),
    ROOK_NAMESPACE("storage.rookNamespace", (s, n) -> s.storage().rookNamespace(),
            "the pool and every volume belong to the Rook cluster of that namespace: the pool would be deleted there"
                    + " and made anew, empty, in the other"),
    ROOK_OPERATOR_NAMESPACE("storage.rookOperatorNamespace", (s, n) -> s.storage().rookOperatorNamespace(),
            "every volume names the CSI driver of that operator (<namespace>.rbd.csi.ceph.com), which mounts and"
                    + " expands it"),
    FS_TYPE("storage.fsType", (s, n) -> s.storage().fsType(), Texts.CLASS_FIELD, Texts.NEW_VOLUMES),
    IMAGE_FEATURES("storage.imageFeatures", (s, n) -> s.storage().imageFeatures(), Texts.CLASS_FIELD,
            Texts.NEW_VOLUMES),
    RECLAIM_POLICY("storage.reclaimPolicy", (s, n) -> s.storage().reclaimPolicy(), Texts.CLASS_FIELD,
            "the volumes keep the policy they were provisioned with; change it on each volume of the cluster's"
                    + " claims: kubectl patch pv <volume> -p '{\"spec\":{\"persistentVolumeReclaimPolicy\":\"<policy>\"}}'"),
    OBJECT_STORE("backup.objectStore", (s, n) -> s.backup().claimsBucket()
            ? n.bucketStoreNamespace() + "/" + s.backup().objectStore() : "", Texts.BUCKET, Texts.NEW_BUCKET),
    BUCKET_CLASS("backup.bucketClassName", (s, n) -> s.backup().claimsBucket() ? n.bucketClass() : "", Texts.BUCKET,
            Texts.NEW_BUCKET);

    /** Shared texts of the StorageClass's fields. */
    private static final class Texts {
        /**
         * The real engine showed it: the class would be replaced, deleted first (same name), and the engine then
         * replaces what depends on it, the StatefulSet (refused only where it is protected); the API server also
         * refuses to create a class over one of the same name with other parameters (pulumi-kubernetes #3767).
         */
        static final String CLASS_FIELD = "Kubernetes never changes a StorageClass's parameters or reclaim policy:"
                + " pulumi up would replace the class, and with it the StatefulSet that names it, every pod at once";
        static final String BUCKET = "the backups' bucket was claimed through it: another value replaces the"
                + " ObjectBucketClaim, which makes a new, empty bucket, and the backups and binary logs stay in the old"
                + " one, which nothing prunes any more";
        static final String NEW_BUCKET = "for backups in another bucket, deploy a new stack that restores from this"
                + " one (restore.*) with the new value";
        static final String NEW_VOLUMES = "the volumes keep what they were provisioned with; for volumes with the new"
                + " value, deploy a new stack with it and copy the data into it (dump and load, or replicate)";
    }

    private final String key;
    private final BiFunction<Settings, Names, String> value;
    /** What to do instead of changing the key, after setting it back. */
    static final String MOVE = "to move the cluster, deploy a new stack with the new value and copy the data into it"
            + " (dump and load, or replicate)";

    private final String why;
    private final String instead;

    /** Keys that may be set once after the first deployment: their deployed value is "" while unset. */
    boolean settableLater() {
        return this == OBJECT_STORE || this == BUCKET_CLASS;
    }

    FixedKey(String key, BiFunction<Settings, Names, String> value, String why) {
        this(key, value, why, MOVE);
    }

    FixedKey(String key, BiFunction<Settings, Names, String> value, String why, String instead) {
        this.key = key;
        this.value = value;
        this.why = why;
        this.instead = instead;
    }

    String key() {
        return key;
    }

    String valueIn(Settings settings) {
        return value.apply(settings, Names.of(settings));
    }

    String why() {
        return why;
    }

    String instead() {
        return instead;
    }
}
