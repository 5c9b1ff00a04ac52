package mysqlcluster.prometheus;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import mysqlcluster.crd.CustomObjectArgs;
import mysqlcluster.prometheus.inputs.PodMonitorSpecArgs;

/**
 * The Prometheus Operator's {@code monitoring.coreos.com/v1} PodMonitor as a typed Pulumi resource, served by
 * pulumi-kubernetes through the type token {@code kubernetes:<group>/<version>:<kind>} like the CephBlockPool.
 */
@ResourceType(type = PodMonitor.TYPE)
public class PodMonitor extends CustomResource {
    public static final String API_VERSION = "monitoring.coreos.com/v1";
    public static final String KIND = "PodMonitor";
    /** The name of the Prometheus Operator's CustomResourceDefinition of the kind. */
    public static final String CRD = "podmonitors.monitoring.coreos.com";
    static final String TYPE = "kubernetes:monitoring.coreos.com/v1:PodMonitor";

    public PodMonitor(String name, CustomObjectArgs<PodMonitorSpecArgs> args, CustomResourceOptions options) {
        super(TYPE, name, args.typed(API_VERSION, KIND), options);
    }
}
