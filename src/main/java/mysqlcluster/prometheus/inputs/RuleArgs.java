package mysqlcluster.prometheus.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.TreeMap;

/** An alerting rule of a PrometheusRule group. */
public final class RuleArgs extends ResourceArgs {
    @Import(name = "alert", required = true)
    private Output<String> alert;

    @Import(name = "expr", required = true)
    private Output<String> expr;

    @Import(name = "for")
    private Output<String> forDuration;

    @Import(name = "labels")
    private Output<Map<String, String>> labels;

    @Import(name = "annotations")
    private Output<Map<String, String>> annotations;

    private RuleArgs() {
    }

    public static RuleArgs alert(String alert, String expr, String forDuration, Map<String, String> labels,
                                 Map<String, String> annotations) {
        var args = new RuleArgs();
        args.alert = Output.of(alert);
        args.expr = Output.of(expr);
        args.forDuration = forDuration == null ? null : Output.of(forDuration);
        args.labels = Output.of(new TreeMap<>(labels));
        args.annotations = Output.of(new TreeMap<>(annotations));
        return args;
    }
}
