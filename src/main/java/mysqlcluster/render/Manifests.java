package mysqlcluster.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the inputs the mock engine saw into a manifest: the engine hands numbers over as doubles (3306.0), which the
 * API server rejects where it expects integers, so whole numbers become integers; secret wrappers are unwrapped;
 * keys are sorted, after apiVersion, kind and metadata.
 */
public final class Manifests {
    /** The marker Pulumi's wire format uses for a secret value. */
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

    private Manifests() {
    }

    static Map<String, Object> fromInputs(Map<String, Object> inputs) {
        var manifest = new LinkedHashMap<String, Object>();
        // apiVersion and kind first, as in every hand-written manifest
        for (String key : List.of("apiVersion", "kind", "metadata")) {
            if (inputs.containsKey(key)) {
                manifest.put(key, normalize(inputs.get(key)));
            }
        }
        inputs.forEach((k, v) -> manifest.putIfAbsent(k, normalize(v)));
        return manifest;
    }

    /** A manifest as render prints it, however its keys were ordered: a stable text for the same object. */
    static Map<String, Object> canonical(Map<String, Object> manifest) {
        return fromInputs(new TreeMap<>(manifest));
    }

    @SuppressWarnings("unchecked")
    public static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (SECRET_SIG.equals(map.get(SIG_KEY))) {
                return normalize(map.get("value"));
            }
            // the engine's wire format keeps no key order: sort, so the same stack always renders the same text
            var copy = new TreeMap<String, Object>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, normalize(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>(list.size());
            list.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d)) {
            return new BigDecimal(d).longValueExact();
        }
        return value;
    }

    /** metadata.name of a manifest. */
    @SuppressWarnings("unchecked")
    public static String name(Map<String, Object> manifest) {
        var metadata = (Map<String, Object>) manifest.get("metadata");
        return metadata == null ? "" : String.valueOf(metadata.get("name"));
    }
}
