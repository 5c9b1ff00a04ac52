package mysqlcluster.settings;

import com.pulumi.Config;
import java.util.Optional;
import java.util.Set;

/**
 * Stack configuration as a running Pulumi program sees it. {@link Config} cannot list keys or tell secrets apart,
 * so those come from the same engine-provided variables the SDK itself parses (PULUMI_CONFIG and
 * PULUMI_CONFIG_SECRET_KEYS).
 */
public final class PulumiConfigSource implements ConfigSource {
    private final Config config;
    private final Set<String> keys;
    private final Set<String> secretKeys;

    public PulumiConfigSource(Config config, Set<String> keys, Set<String> secretKeys) {
        this.config = config;
        this.keys = Set.copyOf(keys);
        this.secretKeys = Set.copyOf(secretKeys);
    }

    @Override
    public Set<String> keys() {
        return keys;
    }

    @Override
    public Optional<String> get(String fullKey) {
        if (!fullKey.startsWith(config.getName() + ":")) {
            return Optional.empty();
        }
        if (secretKeys.contains(fullKey)) {
            // presence only: the value itself is read as a secret Output by the program, never in plain text
            return keys.contains(fullKey) ? Optional.of("[secret]") : Optional.empty();
        }
        return config.get(fullKey.substring(config.getName().length() + 1));
    }

    @Override
    public boolean isSecret(String fullKey) {
        return secretKeys.contains(fullKey);
    }
}
