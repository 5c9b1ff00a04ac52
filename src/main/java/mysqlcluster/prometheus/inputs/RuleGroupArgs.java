package mysqlcluster.prometheus.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;

/** One group of a PrometheusRule: a name and its rules, evaluated in order. */
public final class RuleGroupArgs extends ResourceArgs {
    @Import(name = "name", required = true)
    private Output<String> name;

    @Import(name = "rules", required = true)
    private Output<List<RuleArgs>> rules;

    private RuleGroupArgs() {
    }

    public static RuleGroupArgs of(String name, List<RuleArgs> rules) {
        var args = new RuleGroupArgs();
        args.name = Output.of(name);
        args.rules = Output.of(List.copyOf(rules));
        return args;
    }
}
