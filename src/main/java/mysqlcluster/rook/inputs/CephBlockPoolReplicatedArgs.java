package mysqlcluster.rook.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Objects;
import java.util.Optional;

/** {@code spec.replicated} of a CephBlockPool: how many copies Ceph keeps of every object. */
public final class CephBlockPoolReplicatedArgs extends com.pulumi.resources.ResourceArgs {
    @Import(name = "size", required = true)
    private Output<Integer> size;

    @Import(name = "requireSafeReplicaSize")
    private Output<Boolean> requireSafeReplicaSize;

    public Output<Integer> size() {
        return size;
    }

    public Optional<Output<Boolean>> requireSafeReplicaSize() {
        return Optional.ofNullable(requireSafeReplicaSize);
    }

    private CephBlockPoolReplicatedArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final CephBlockPoolReplicatedArgs args = new CephBlockPoolReplicatedArgs();

        public Builder size(int size) {
            args.size = Output.of(size);
            return this;
        }

        public Builder requireSafeReplicaSize(Boolean requireSafeReplicaSize) {
            args.requireSafeReplicaSize = requireSafeReplicaSize == null ? null : Output.of(requireSafeReplicaSize);
            return this;
        }

        public CephBlockPoolReplicatedArgs build() {
            args.size = Objects.requireNonNull(args.size, "expected parameter 'size' to be non-null");
            return args;
        }
    }
}
