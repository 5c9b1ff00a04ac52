package mysqlcluster.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mysqlcluster.DocPage;
import mysqlcluster.TestStacks;
import mysqlcluster.cluster.Names;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;

/**
 * What the platform provides before a stack's first `pulumi up`, as the README and docs/stacks.md say: the Rook
 * cluster's namespace (Rook's operator would have made it), volumes for the claims, and, for a stack whose passwords
 * come from an existing Secret (staging, prod), its namespace with that Secret in it. Without Ceph the volumes
 * are static PersistentVolumes of the program's StorageClass, one per pod, of the stack's volume size, naming
 * Rook's RBD CSI driver: the PV controller binds a claim to one of them before any provisioner is asked. Ceph's
 * provisioning, CSI expansion and reclaim are not proven here.
 */
public final class PlatformPrerequisites {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformPrerequisites() {
    }

    public static void install(ControlPlane plane, String stack) {
        Settings settings = TestStacks.settings(stack);
        var storage = settings.storage();
        Kubectl kubectl = plane.kubectl();
        if (!kubectl.exists("namespace/" + storage.rookNamespace())) {
            kubectl.check("create", "namespace", storage.rookNamespace());
        }
        Names names = Names.of(settings);
        for (int i = 0; i < settings.cluster().replicas(); i++) {
            kubectl.apply(staticVolume(stack + "-" + names.claim(i), names.storageClass(), storage.volumeSize(),
                    storage.rookOperatorNamespace() + ".rbd.csi.ceph.com").toString());
        }
        if (settings.credentials().existingSecret() != null) {
            namespaceWithSecret(plane, settings, stack);
        }
    }

    /**
     * The steps of docs/stacks.md for a stack whose passwords come from an existing Secret (staging, prod), run as
     * written for prod and with the stack's name for the others: the namespace, labelled for the restricted Pod
     * Security Standard, and the Secret, which must have every key the stack needs.
     */
    private static void namespaceWithSecret(ControlPlane plane, Settings settings, String stack) {
        String script = String.join("\n", DocPage.STACKS.block("platform-secret")).replace("prod", stack);
        var result = plane.kubectl().shell(script);
        if (!result.ok()) {
            throw new AssertionError("the namespace and Secret commands of " + DocPage.STACKS.file() + " failed for "
                    + stack + ":\n" + result.out() + result.err());
        }
        String namespace = settings.cluster().namespace();
        var ns = plane.kubectl().get("namespace/" + namespace);
        if (!"restricted".equals(ns.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText())) {
            throw new AssertionError(DocPage.STACKS.file() + "'s commands left " + namespace
                    + " without the restricted label");
        }
        var keys = new java.util.TreeSet<String>();
        plane.kubectl().get("secret/" + settings.credentials().existingSecret(), "-n", namespace).path("data")
                .fieldNames().forEachRemaining(keys::add);
        var missing = settings.requiredPasswords().stream().map(Password::secretKey).filter(k -> !keys.contains(k))
                .toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("the Secret of " + DocPage.STACKS.file() + " lacks keys " + stack + " needs: "
                    + missing);
        }
    }

    /** A PersistentVolume as Rook's provisioner would have made it, for any node (kwok's nodes have no disks). */
    static ObjectNode staticVolume(String name, String storageClass, String size, String driver) {
        ObjectNode pv = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolume");
        pv.putObject("metadata").put("name", name);
        ObjectNode spec = pv.putObject("spec");
        spec.put("storageClassName", storageClass).put("persistentVolumeReclaimPolicy", "Retain")
                .put("volumeMode", "Filesystem");
        spec.putObject("capacity").put("storage", size);
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.putObject("csi").put("driver", driver).put("volumeHandle", "engine-suite-" + name).put("fsType", "ext4");
        return pv;
    }
}
