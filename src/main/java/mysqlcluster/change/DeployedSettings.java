package mysqlcluster.change;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import mysqlcluster.settings.Settings;

/**
 * What the next change is checked against: the values of the fixed keys, the engine's version series and the volume
 * size, by config key, as the stack last deployed them. Exported as the stack output {@value #OUTPUT}.
 */
public record DeployedSettings(Map<String, String> values) {
    public static final String OUTPUT = "deployedSettings";
    static final String VERSION = "cluster.version";
    static final String VOLUME_SIZE = "storage.volumeSize";
    static final String RESTORE = "restore";

    public static DeployedSettings of(Settings settings) {
        var values = new LinkedHashMap<String, String>();
        for (FixedKey key : FixedKey.values()) {
            values.put(key.key(), key.valueIn(settings));
        }
        values.put(VERSION, settings.engineVersion().series());
        values.put(VOLUME_SIZE, settings.storage().volumeSize());
        values.put(RESTORE, restoreOf(settings));
        return new DeployedSettings(Map.copyOf(values));
    }

    /**
     * From a stack's outputs (by name): the output {@value #OUTPUT}, or, for a stack last deployed before it existed,
     * the namespace, engine and StorageClass outputs every deployment has had. Empty for a stack never deployed.
     */
    public static Optional<DeployedSettings> fromOutputs(Function<String, Optional<Object>> output) {
        Optional<Object> recorded = output.apply(OUTPUT);
        if (recorded.isPresent() && recorded.get() instanceof Map<?, ?> map) {
            var values = new LinkedHashMap<String, String>();
            map.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            return Optional.of(new DeployedSettings(Map.copyOf(values)));
        }
        var values = new LinkedHashMap<String, String>();
        output.apply("namespace").ifPresent(v -> values.put(FixedKey.NAMESPACE.key(), String.valueOf(v)));
        output.apply("engine").ifPresent(v -> values.put(FixedKey.ENGINE.key(), String.valueOf(v)));
        output.apply("storageClass").ifPresent(v -> values.put(FixedKey.STORAGE_CLASS.key(), String.valueOf(v)));
        return values.isEmpty() ? Optional.empty() : Optional.of(new DeployedSettings(Map.copyOf(values)));
    }

    /** What a restore takes and where from, in one line; "" for none. */
    static String restoreOf(Settings settings) {
        var r = settings.restore();
        if (!r.isSet()) {
            return "";
        }
        var from = r.from();
        return "backup " + r.backup() + " replayed to " + r.planTarget() + " from " + from.endpointUrl() + "/"
                + from.bucket() + "/" + from.prefix();
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
