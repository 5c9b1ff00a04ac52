package mysqlcluster.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import mysqlcluster.settings.Settings;

/**
 * Turns a stack's settings into the Kubernetes objects the program declares, without a cluster or the Pulumi CLI:
 * the program runs on the SDK's in-process mock engine ({@link MockRun}) and every registered Kubernetes resource's
 * inputs become a manifest. The same code as `pulumi up`, not a second template.
 */
public final class Renderer {
    /** Kinds in the order a human (and kubectl apply) wants them. */
    static final List<String> KIND_ORDER = List.of("Namespace", "CephBlockPool", "StorageClass", "ObjectBucketClaim",
            "Secret", "ConfigMap", "Service", "NetworkPolicy", "PodDisruptionBudget", "StatefulSet", "CronJob", "PodMonitor",
            "PrometheusRule");

    private Renderer() {
    }

    public static List<Map<String, Object>> render(Settings settings, SecretValues secrets) {
        var manifests = new ArrayList<>(MockRun.of(settings, secrets).manifests());
        manifests.sort(Comparator.comparingInt(Renderer::kindRank).thenComparing(Manifests::name));
        return manifests;
    }

    private static int kindRank(Map<String, Object> manifest) {
        int rank = KIND_ORDER.indexOf(String.valueOf(manifest.get("kind")));
        return rank < 0 ? KIND_ORDER.size() : rank;
    }
}
