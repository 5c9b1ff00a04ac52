package mysqlcluster.settings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Configuration held in memory: full keys to raw values (structured values as JSON text), and the secret keys. */
public record MapConfigSource(Map<String, String> values, Set<String> secrets) implements ConfigSource {
    public MapConfigSource {
        values = Map.copyOf(values);
        secrets = Set.copyOf(secrets);
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> get(String fullKey) {
        return Optional.ofNullable(values.get(fullKey));
    }

    @Override
    public boolean isSecret(String fullKey) {
        return secrets.contains(fullKey);
    }
}
