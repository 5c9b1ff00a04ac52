package mysqlcluster.prometheus;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;

/**
 * Inputs of a Prometheus Operator object ({@link PodMonitor}, {@link PrometheusRule}): metadata and a typed spec;
 * the resource sets apiVersion and kind.
 */
public final class MonitoringObjectArgs<S extends ResourceArgs> extends ResourceArgs {
    public static final String API_VERSION = "monitoring.coreos.com/v1";

    @Import(name = "apiVersion")
    private Output<String> apiVersion;

    @Import(name = "kind")
    private Output<String> kind;

    @Import(name = "metadata")
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private Output<S> spec;

    private MonitoringObjectArgs() {
    }

    public static <S extends ResourceArgs> MonitoringObjectArgs<S> of(ObjectMetaArgs metadata, S spec) {
        var args = new MonitoringObjectArgs<S>();
        args.metadata = Output.of(Objects.requireNonNull(metadata));
        args.spec = Output.of(Objects.requireNonNull(spec));
        return args;
    }

    MonitoringObjectArgs<S> typed(String kind) {
        var args = new MonitoringObjectArgs<S>();
        args.apiVersion = Output.of(API_VERSION);
        args.kind = Output.of(kind);
        args.metadata = metadata;
        args.spec = spec;
        return args;
    }
}
