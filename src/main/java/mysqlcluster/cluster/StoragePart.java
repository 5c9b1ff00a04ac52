package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mysqlcluster.crd.CustomObjectArgs;
import mysqlcluster.rook.CephBlockPool;
import mysqlcluster.rook.inputs.CephBlockPoolReplicatedArgs;
import mysqlcluster.rook.inputs.CephBlockPoolSpecArgs;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StorageSettings;

/**
 * The seed's "PV" section: a Rook CephBlockPool and the RBD CSI StorageClass that provisions volumes from it. The pool
 * holds the data: protected and kept on delete in stacks with cluster.protect. The StorageClass holds none, but it
 * is never replaced: the engine would replace the StatefulSet that names it too. Every field of it Kubernetes will
 * not update comes from a fixed key (FixedKey), refused before anything is declared. The pool waits for GATE (the
 * CRD reads), and the class for the pool.
 */
record StoragePart(CephBlockPool pool, StorageClass storageClass, Output<String> storageClassName) {
    static final String CSI_PROVISIONER_SECRET = "rook-csi-rbd-provisioner";
    static final String CSI_NODE_SECRET = "rook-csi-rbd-node";

    static StoragePart declare(Settings settings, Names names, List<Resource> gate, Resource parent) {
        StorageSettings storage = settings.storage();
        boolean protect = settings.cluster().protect();
        var spec = CephBlockPoolSpecArgs.builder()
                .failureDomain(storage.failureDomain())
                .deviceClass(storage.deviceClass())
                .replicated(CephBlockPoolReplicatedArgs.builder()
                        .size(storage.poolSize())
                        .requireSafeReplicaSize(storage.requireSafeReplicaSize())
                        .build())
                .parameters(Map.of("compression_mode", storage.compression()))
                .build();
        var pool = new CephBlockPool(names.pool(), CustomObjectArgs.of(
                Meta.in(names, names.rookNamespace(), names.pool()), spec), Options.child(parent).protect(protect).retainOnDelete(protect)
                .dependsOn(gate).build());

        Output<String> poolName = pool.metadata().applyValue(m -> m.name().orElseThrow());
        var storageClass = new StorageClass(names.storageClass(), StorageClassArgs.builder()
                .metadata(Meta.clusterScoped(names, names.storageClass()))
                .provisioner(storage.rookOperatorNamespace() + ".rbd.csi.ceph.com")
                .parameters(poolName.applyValue(pn -> parameters(storage, pn)))
                .reclaimPolicy(storage.reclaimPolicy())
                .allowVolumeExpansion(storage.allowVolumeExpansion())
                .volumeBindingMode("WaitForFirstConsumer")
                .build(), Options.child(parent).dependsOn(pool).build());
        return new StoragePart(pool, storageClass,
                storageClass.metadata().applyValue(m -> m.name().orElseThrow()));
    }

    /** The RBD CSI parameters, as in Rook's example StorageClass: the cluster, the pool and the CSI secrets. */
    static Map<String, String> parameters(StorageSettings storage, String poolName) {
        String clusterNamespace = storage.rookNamespace();
        var p = new LinkedHashMap<String, String>();
        p.put("clusterID", clusterNamespace);
        p.put("pool", poolName);
        p.put("imageFormat", "2");
        p.put("imageFeatures", storage.imageFeatures());
        for (String step : new String[] {"provisioner", "controller-expand", "controller-publish", "controller-modify"}) {
            p.put("csi.storage.k8s.io/" + step + "-secret-name", CSI_PROVISIONER_SECRET);
            p.put("csi.storage.k8s.io/" + step + "-secret-namespace", clusterNamespace);
        }
        for (String step : new String[] {"node-stage", "node-publish"}) {
            p.put("csi.storage.k8s.io/" + step + "-secret-name", CSI_NODE_SECRET);
            p.put("csi.storage.k8s.io/" + step + "-secret-namespace", clusterNamespace);
        }
        p.put("csi.storage.k8s.io/fstype", storage.fsType());
        return p;
    }
}
