package mysqlcluster.rook.outputs;

import com.pulumi.core.annotations.CustomType;
import java.util.Map;
import java.util.Optional;

/** The CephBlockPool spec as the provider reports it back. */
@CustomType
public final class CephBlockPoolSpec {
    private String failureDomain;
    private String deviceClass;
    private Boolean enableRBDStats;
    private Map<String, String> parameters;
    private CephBlockPoolReplicated replicated;

    private CephBlockPoolSpec() {
    }

    public Optional<String> failureDomain() {
        return Optional.ofNullable(failureDomain);
    }

    public Optional<String> deviceClass() {
        return Optional.ofNullable(deviceClass);
    }

    public Optional<Boolean> enableRBDStats() {
        return Optional.ofNullable(enableRBDStats);
    }

    public Map<String, String> parameters() {
        return parameters == null ? Map.of() : parameters;
    }

    public Optional<CephBlockPoolReplicated> replicated() {
        return Optional.ofNullable(replicated);
    }

    @CustomType.Builder
    public static final class Builder {
        private String failureDomain;
        private String deviceClass;
        private Boolean enableRBDStats;
        private Map<String, String> parameters;
        private CephBlockPoolReplicated replicated;

        public Builder() {
        }

        @CustomType.Setter
        public Builder failureDomain(String failureDomain) {
            this.failureDomain = failureDomain;
            return this;
        }

        @CustomType.Setter
        public Builder deviceClass(String deviceClass) {
            this.deviceClass = deviceClass;
            return this;
        }

        @CustomType.Setter
        public Builder enableRBDStats(Boolean enableRBDStats) {
            this.enableRBDStats = enableRBDStats;
            return this;
        }

        @CustomType.Setter
        public Builder parameters(Map<String, String> parameters) {
            this.parameters = parameters;
            return this;
        }

        @CustomType.Setter
        public Builder replicated(CephBlockPoolReplicated replicated) {
            this.replicated = replicated;
            return this;
        }

        public CephBlockPoolSpec build() {
            var spec = new CephBlockPoolSpec();
            spec.failureDomain = failureDomain;
            spec.deviceClass = deviceClass;
            spec.enableRBDStats = enableRBDStats;
            spec.parameters = parameters;
            spec.replicated = replicated;
            return spec;
        }
    }
}
