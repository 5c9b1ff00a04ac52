package mysqlcluster.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;

/**
 * Inputs of an object of a custom resource (Rook's CephBlockPool, the Prometheus Operator's PodMonitor and
 * PrometheusRule, the ObjectBucketClaim): metadata and a typed spec; the resource's class sets apiVersion and kind.
 */
public final class CustomObjectArgs<S extends ResourceArgs> extends ResourceArgs {
    @Import(name = "apiVersion")
    private Output<String> apiVersion;

    @Import(name = "kind")
    private Output<String> kind;

    @Import(name = "metadata")
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private Output<S> spec;

    private CustomObjectArgs() {
    }

    public static <S extends ResourceArgs> CustomObjectArgs<S> of(ObjectMetaArgs metadata, S spec) {
        var args = new CustomObjectArgs<S>();
        args.metadata = Output.of(Objects.requireNonNull(metadata));
        args.spec = Output.of(Objects.requireNonNull(spec));
        return args;
    }

    /** These inputs with the resource's apiVersion and kind. */
    public CustomObjectArgs<S> typed(String apiVersion, String kind) {
        var args = new CustomObjectArgs<S>();
        args.apiVersion = Output.of(apiVersion);
        args.kind = Output.of(kind);
        args.metadata = metadata;
        args.spec = spec;
        return args;
    }
}
