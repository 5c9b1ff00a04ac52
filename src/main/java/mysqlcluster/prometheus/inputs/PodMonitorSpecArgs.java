package mysqlcluster.prometheus.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.resources.ResourceArgs;
import java.util.List;

/** The part of a PodMonitor's spec this program sets: which pods, and how to scrape them. */
public final class PodMonitorSpecArgs extends ResourceArgs {
    @Import(name = "selector", required = true)
    private Output<LabelSelectorArgs> selector;

    @Import(name = "podMetricsEndpoints", required = true)
    private Output<List<PodMetricsEndpointArgs>> podMetricsEndpoints;

    private PodMonitorSpecArgs() {
    }

    public static PodMonitorSpecArgs of(LabelSelectorArgs selector, List<PodMetricsEndpointArgs> endpoints) {
        var args = new PodMonitorSpecArgs();
        args.selector = Output.of(selector);
        args.podMetricsEndpoints = Output.of(List.copyOf(endpoints));
        return args;
    }
}
