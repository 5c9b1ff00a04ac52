package mysqlcluster.settings;

import java.util.List;

/** {@code mysql-cluster:storage}: the Rook-Ceph pool, its StorageClass and the volumes. */
public record StorageSettings(String rookNamespace, String rookOperatorNamespace, String poolName, String storageClassName,
                              Integer poolSize, Boolean requireSafeReplicaSize, String failureDomain, String deviceClass,
                              String compression, String volumeSize, String reclaimPolicy, String fsType,
                              String imageFeatures, Boolean allowVolumeExpansion) {
    public static final StorageSettings DEFAULTS = new StorageSettings("rook-ceph", "rook-ceph", null, null,
            3, true, "host", null, "none", "10Gi", "Retain", "ext4", "layering", true);

    /** CRUSH bucket types Ceph defines; Rook passes failureDomain through as one of them. */
    static final List<String> FAILURE_DOMAINS = List.of("osd", "host", "chassis", "rack", "row", "pdu", "pod", "room",
            "datacenter", "zone", "region");
    static final List<String> COMPRESSION_MODES = List.of("none", "passive", "aggressive", "force");
    static final List<String> RECLAIM_POLICIES = List.of("Retain", "Delete");
    static final List<String> FS_TYPES = List.of("ext4", "xfs");
    static final List<String> IMAGE_FEATURES = List.of("layering", "fast-diff", "object-map", "deep-flatten",
            "exclusive-lock");

    void validate(String path, Problems problems) {
        Rules.dnsLabel(path + ".rookNamespace", rookNamespace, 63, problems);
        Rules.dnsLabel(path + ".rookOperatorNamespace", rookOperatorNamespace, 63, problems);
        if (poolName != null) {
            Rules.dnsLabel(path + ".poolName", poolName, 63, problems);
        }
        if (storageClassName != null) {
            Rules.dnsSubdomain(path + ".storageClassName", storageClassName, problems);
        }
        Rules.range(path + ".poolSize", poolSize, 1, 7, problems);
        if (Integer.valueOf(1).equals(poolSize) && Boolean.TRUE.equals(requireSafeReplicaSize)) {
            problems.add(path + ".requireSafeReplicaSize", "a pool of size 1 keeps no redundant copy and Rook refuses it "
                    + "while requireSafeReplicaSize is true; set it to false to accept that, or raise poolSize");
        }
        Rules.oneOf(path + ".failureDomain", failureDomain, FAILURE_DOMAINS, problems);
        if (deviceClass != null) {
            Rules.dnsLabel(path + ".deviceClass", deviceClass, 63, problems);
        }
        Rules.oneOf(path + ".compression", compression, COMPRESSION_MODES, problems);
        Rules.quantity(path + ".volumeSize", volumeSize, "40Gi", problems);
        Rules.oneOf(path + ".reclaimPolicy", reclaimPolicy, RECLAIM_POLICIES, problems);
        Rules.oneOf(path + ".fsType", fsType, FS_TYPES, problems);
        for (String feature : imageFeatures == null ? new String[] {""} : imageFeatures.split(",", -1)) {
            if (!IMAGE_FEATURES.contains(feature)) {
                problems.add(path + ".imageFeatures", Rules.quote(imageFeatures) + " is not a comma-separated list of RBD "
                        + "image features; use some of " + String.join(", ", IMAGE_FEATURES));
                break;
            }
        }
    }
}
