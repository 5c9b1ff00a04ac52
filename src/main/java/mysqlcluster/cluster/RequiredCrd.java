package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apiextensions.v1.CustomResourceDefinition;
import com.pulumi.resources.Resource;

/**
 * A CustomResourceDefinition a resource of the program needs (Rook's CephBlockPool, the Prometheus Operator's
 * PodMonitor and PrometheusRule), read from the cluster; the resource depends on it. Without the read, a preview
 * passes over a resource whose CRD is missing and `pulumi up` fails on it only after retrying for a minute, having
 * created what came before it; with it, the first preview fails at once, naming the CRD.
 */
final class RequiredCrd {
    private RequiredCrd() {
    }

    /** Reads the CRD named NAME (plural.group), e.g. cephblockpools.ceph.rook.io. */
    static Resource read(String name, Resource parent) {
        return CustomResourceDefinition.get("crd-" + name, Output.of(name), Options.child(parent).build());
    }
}
