package mysqlcluster.prometheus.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;

/** A Prometheus relabel config as the Prometheus Operator takes it (camelCase field names). */
public final class RelabelConfigArgs extends ResourceArgs {
    @Import(name = "action")
    private Output<String> action;

    @Import(name = "sourceLabels")
    private Output<List<String>> sourceLabels;

    @Import(name = "regex")
    private Output<String> regex;

    @Import(name = "targetLabel")
    private Output<String> targetLabel;

    @Import(name = "replacement")
    private Output<String> replacement;

    private RelabelConfigArgs() {
    }

    /** Keeps only the targets whose source label matches regex. */
    public static RelabelConfigArgs keep(String sourceLabel, String regex) {
        var args = new RelabelConfigArgs();
        args.action = Output.of("keep");
        args.sourceLabels = Output.of(List.of(sourceLabel));
        args.regex = Output.of(regex);
        return args;
    }

    /** Sets targetLabel to replacement (with regex's groups) on the targets whose source label matches regex. */
    public static RelabelConfigArgs replace(String sourceLabel, String regex, String targetLabel, String replacement) {
        var args = new RelabelConfigArgs();
        args.action = Output.of("replace");
        args.sourceLabels = Output.of(List.of(sourceLabel));
        args.regex = Output.of(regex);
        args.targetLabel = Output.of(targetLabel);
        args.replacement = Output.of(replacement);
        return args;
    }
}
