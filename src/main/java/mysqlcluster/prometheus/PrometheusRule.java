package mysqlcluster.prometheus;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import mysqlcluster.crd.CustomObjectArgs;
import mysqlcluster.prometheus.inputs.PrometheusRuleSpecArgs;

/** The Prometheus Operator's {@code monitoring.coreos.com/v1} PrometheusRule as a typed Pulumi resource. */
@ResourceType(type = PrometheusRule.TYPE)
public class PrometheusRule extends CustomResource {
    public static final String API_VERSION = "monitoring.coreos.com/v1";
    public static final String KIND = "PrometheusRule";
    /** The name of the Prometheus Operator's CustomResourceDefinition of the kind. */
    public static final String CRD = "prometheusrules.monitoring.coreos.com";
    static final String TYPE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

    public PrometheusRule(String name, CustomObjectArgs<PrometheusRuleSpecArgs> args, CustomResourceOptions options) {
        super(TYPE, name, args.typed(API_VERSION, KIND), options);
    }
}
