package mysqlcluster.prometheus.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;

/** A PrometheusRule's spec: rule groups, as in a Prometheus rule file. */
public final class PrometheusRuleSpecArgs extends ResourceArgs {
    @Import(name = "groups", required = true)
    private Output<List<RuleGroupArgs>> groups;

    private PrometheusRuleSpecArgs() {
    }

    public static PrometheusRuleSpecArgs of(List<RuleGroupArgs> groups) {
        var args = new PrometheusRuleSpecArgs();
        args.groups = Output.of(List.copyOf(groups));
        return args;
    }
}
