package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apiextensions.v1.CustomResourceDefinition;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.objectbucket.ObjectBucketClaim;
import mysqlcluster.prometheus.PodMonitor;
import mysqlcluster.prometheus.PrometheusRule;
import mysqlcluster.rook.CephBlockPool;
import mysqlcluster.settings.Settings;

/**
 * The CustomResourceDefinitions the program's resources need (Rook's CephBlockPool; the Prometheus Operator's
 * PodMonitor and PrometheusRule when it is on; the ObjectBucketClaim when the program claims the backups' bucket), read from the cluster before anything is declared: every resource
 * waits for these reads (NamespacePart's gate, and the pool). Without them a preview passes over a resource whose
 * CRD is missing and `pulumi up` fails on it only after retrying for a minute, having created what came before it;
 * with them the first preview fails at once, naming the CRD, and an up without a preview (`--skip-preview`, as
 * pulumi/actions runs it) creates nothing.
 */
final class RequiredCrd {
    private RequiredCrd() {
    }

    /** A read of each CRD the settings need (named plural.group, e.g. cephblockpools.ceph.rook.io). */
    static List<Resource> readAll(Settings settings, Resource parent) {
        var names = new ArrayList<>(List.of(CephBlockPool.CRD));
        if (settings.monitoring().prometheusOperator()) {
            names.addAll(List.of(PodMonitor.CRD, PrometheusRule.CRD));
        }
        if (settings.backup().claimsBucket()) {
            names.add(ObjectBucketClaim.CRD);
        }
        return names.stream().map(name -> read(name, parent)).toList();
    }

    private static Resource read(String name, Resource parent) {
        return CustomResourceDefinition.get("crd-" + name, Output.of(name), Options.child(parent).build());
    }
}
