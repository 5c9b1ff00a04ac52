package mysqlcluster.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hides a Secret's values before it is diffed: each value under {@code data} and {@code stringData} becomes a
 * placeholder that tells only whether that key's value differs between the two sides. The AFTER side of a changed
 * value reads {@link #CHANGED}, its BEFORE side {@link #HIDDEN}, so the key shows up in the diff as a changed line
 * that carries no value, hash or length.
 */
final class SecretMasking {
    static final String HIDDEN = "(hidden)";
    static final String CHANGED = "(hidden; changed)";
    private static final List<String> VALUE_FIELDS = List.of("data", "stringData");

    private SecretMasking() {
    }

    /** Both sides of one object, masked; either may be null (an object only one side has). */
    record Sides(Map<String, Object> before, Map<String, Object> after) {
    }

    static Sides mask(Map<String, Object> before, Map<String, Object> after) {
        return new Sides(isSecret(before) ? masked(before, after, false) : before,
                isSecret(after) ? masked(after, before, true) : after);
    }

    private static boolean isSecret(Map<String, Object> manifest) {
        return manifest != null && "Secret".equals(manifest.get("kind"));
    }

    private static Map<String, Object> masked(Map<String, Object> secret, Map<String, Object> other, boolean isAfter) {
        var copy = new LinkedHashMap<>(secret);
        for (String field : VALUE_FIELDS) {
            if (!secret.containsKey(field)) {
                continue;
            }
            if (!(secret.get(field) instanceof Map<?, ?> values)) {
                copy.put(field, HIDDEN); // not a map of values as the API wants, but still not to be shown
                continue;
            }
            Map<?, ?> otherValues = other != null && other.get(field) instanceof Map<?, ?> m ? m : Map.of();
            var placeholders = new LinkedHashMap<Object, String>();
            values.forEach((key, value) -> {
                boolean changed = otherValues.containsKey(key) && !Objects.equals(value, otherValues.get(key));
                placeholders.put(key, changed && isAfter ? CHANGED : HIDDEN);
            });
            copy.put(field, placeholders);
        }
        return copy;
    }
}
