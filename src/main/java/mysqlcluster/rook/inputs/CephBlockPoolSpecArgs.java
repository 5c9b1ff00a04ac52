package mysqlcluster.rook.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import java.util.Map;
import java.util.Optional;

/** The part of Rook's CephBlockPool spec this program sets (see Rook's cephblockpools CRD). */
public final class CephBlockPoolSpecArgs extends com.pulumi.resources.ResourceArgs {
    @Import(name = "failureDomain")
    private Output<String> failureDomain;

    @Import(name = "deviceClass")
    private Output<String> deviceClass;

    @Import(name = "enableRBDStats")
    private Output<Boolean> enableRBDStats;

    @Import(name = "parameters")
    private Output<Map<String, String>> parameters;

    @Import(name = "replicated")
    private Output<CephBlockPoolReplicatedArgs> replicated;

    public Optional<Output<String>> failureDomain() {
        return Optional.ofNullable(failureDomain);
    }

    public Optional<Output<String>> deviceClass() {
        return Optional.ofNullable(deviceClass);
    }

    public Optional<Output<Boolean>> enableRBDStats() {
        return Optional.ofNullable(enableRBDStats);
    }

    public Optional<Output<Map<String, String>>> parameters() {
        return Optional.ofNullable(parameters);
    }

    public Optional<Output<CephBlockPoolReplicatedArgs>> replicated() {
        return Optional.ofNullable(replicated);
    }

    private CephBlockPoolSpecArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final CephBlockPoolSpecArgs args = new CephBlockPoolSpecArgs();

        public Builder failureDomain(String failureDomain) {
            args.failureDomain = failureDomain == null ? null : Output.of(failureDomain);
            return this;
        }

        public Builder deviceClass(String deviceClass) {
            args.deviceClass = deviceClass == null ? null : Output.of(deviceClass);
            return this;
        }

        public Builder enableRBDStats(Boolean enableRBDStats) {
            args.enableRBDStats = enableRBDStats == null ? null : Output.of(enableRBDStats);
            return this;
        }

        public Builder parameters(Map<String, String> parameters) {
            args.parameters = parameters == null ? null : Output.of(parameters);
            return this;
        }

        public Builder replicated(CephBlockPoolReplicatedArgs replicated) {
            args.replicated = replicated == null ? null : Output.of(replicated);
            return this;
        }

        public CephBlockPoolSpecArgs build() {
            return args;
        }
    }
}
