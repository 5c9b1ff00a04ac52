package mysqlcluster.rook.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Optional;

/** {@code spec.replicated} of a CephBlockPool as the provider reports it back. */
@CustomType
public final class CephBlockPoolReplicated {
    private Integer size;
    private Boolean requireSafeReplicaSize;

    private CephBlockPoolReplicated() {
    }

    public Integer size() {
        return size;
    }

    public Optional<Boolean> requireSafeReplicaSize() {
        return Optional.ofNullable(requireSafeReplicaSize);
    }

    @CustomType.Builder
    public static final class Builder {
        private Integer size;
        private Boolean requireSafeReplicaSize;

        public Builder() {
        }

        @CustomType.Setter
        public Builder size(Integer size) {
            this.size = size;
            return this;
        }

        @CustomType.Setter
        public Builder requireSafeReplicaSize(Boolean requireSafeReplicaSize) {
            this.requireSafeReplicaSize = requireSafeReplicaSize;
            return this;
        }

        public CephBlockPoolReplicated build() {
            var replicated = new CephBlockPoolReplicated();
            replicated.size = size;
            replicated.requireSafeReplicaSize = requireSafeReplicaSize;
            return replicated;
        }
    }
}
