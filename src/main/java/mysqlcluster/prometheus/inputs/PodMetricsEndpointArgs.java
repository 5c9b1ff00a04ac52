package mysqlcluster.prometheus.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;

/** One scrape endpoint of a PodMonitor: a named container port and the relabelings applied to its targets. */
public final class PodMetricsEndpointArgs extends ResourceArgs {
    @Import(name = "port", required = true)
    private Output<String> port;

    @Import(name = "relabelings")
    private Output<List<RelabelConfigArgs>> relabelings;

    private PodMetricsEndpointArgs() {
    }

    public static PodMetricsEndpointArgs of(String port, List<RelabelConfigArgs> relabelings) {
        var args = new PodMetricsEndpointArgs();
        args.port = Output.of(port);
        args.relabelings = Output.of(List.copyOf(relabelings));
        return args;
    }
}
