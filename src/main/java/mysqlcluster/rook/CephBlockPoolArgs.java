package mysqlcluster.rook;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import java.util.Objects;
import java.util.Optional;
import mysqlcluster.rook.inputs.CephBlockPoolSpecArgs;

/** Inputs of {@link CephBlockPool}. */
public final class CephBlockPoolArgs extends com.pulumi.resources.ResourceArgs {
    public static final CephBlockPoolArgs Empty = new CephBlockPoolArgs();

    @Import(name = "apiVersion")
    private Output<String> apiVersion;

    @Import(name = "kind")
    private Output<String> kind;

    @Import(name = "metadata")
    private Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private Output<CephBlockPoolSpecArgs> spec;

    public Optional<Output<String>> apiVersion() {
        return Optional.ofNullable(apiVersion);
    }

    public Optional<Output<String>> kind() {
        return Optional.ofNullable(kind);
    }

    public Optional<Output<ObjectMetaArgs>> metadata() {
        return Optional.ofNullable(metadata);
    }

    public Output<CephBlockPoolSpecArgs> spec() {
        return spec;
    }

    private CephBlockPoolArgs() {
    }

    private CephBlockPoolArgs(CephBlockPoolArgs other) {
        this.apiVersion = other.apiVersion;
        this.kind = other.kind;
        this.metadata = other.metadata;
        this.spec = other.spec;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(CephBlockPoolArgs defaults) {
        return new Builder(defaults);
    }

    public static final class Builder {
        private final CephBlockPoolArgs args;

        public Builder() {
            args = new CephBlockPoolArgs();
        }

        public Builder(CephBlockPoolArgs defaults) {
            args = new CephBlockPoolArgs(Objects.requireNonNull(defaults));
        }

        public Builder apiVersion(Output<String> apiVersion) {
            args.apiVersion = apiVersion;
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            return apiVersion(Output.of(apiVersion));
        }

        public Builder kind(Output<String> kind) {
            args.kind = kind;
            return this;
        }

        public Builder kind(String kind) {
            return kind(Output.of(kind));
        }

        public Builder metadata(Output<ObjectMetaArgs> metadata) {
            args.metadata = metadata;
            return this;
        }

        public Builder metadata(ObjectMetaArgs metadata) {
            return metadata(Output.of(metadata));
        }

        public Builder spec(Output<CephBlockPoolSpecArgs> spec) {
            args.spec = spec;
            return this;
        }

        public Builder spec(CephBlockPoolSpecArgs spec) {
            return spec(Output.of(spec));
        }

        public CephBlockPoolArgs build() {
            args.spec = Objects.requireNonNull(args.spec, "expected parameter 'spec' to be non-null");
            return args;
        }
    }
}
