package mysqlcluster.bootstrap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of rendered manifests with one thing changed, for the bad-input scenarios. */
public final class ManifestEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestEdits() {
    }

    public static List<Map<String, Object>> copy(List<Map<String, Object>> manifests) {
        return JSON.convertValue(manifests, new TypeReference<>() {
        });
    }

    /** Sets (or adds) a literal env var on one container of the StatefulSet. */
    public static List<Map<String, Object>> setEnv(List<Map<String, Object>> manifests, String container, String name,
                                                   String value) {
        var copy = copy(manifests);
        Map<String, Object> c = container(copy, container);
        @SuppressWarnings("unchecked") List<Map<String, Object>> env = (List<Map<String, Object>>) c.computeIfAbsent("env", k -> new ArrayList<>());
        env.removeIf(e -> name.equals(e.get("name")));
        var entry = new LinkedHashMap<String, Object>();
        entry.put("name", name);
        entry.put("value", value);
        env.add(entry);
        return copy;
    }

    /** Changes a key of the Secret: a value, or null to remove the key. */
    public static List<Map<String, Object>> setSecretKey(List<Map<String, Object>> manifests, String key, String value) {
        var copy = copy(manifests);
        for (var m : copy) {
            if ("Secret".equals(m.get("kind"))) {
                for (String field : List.of("stringData", "data")) {
                    @SuppressWarnings("unchecked") Map<String, Object> data = (Map<String, Object>) m.get(field);
                    if (data != null) {
                        data.remove(key);
                    }
                }
                if (value != null) {
                    @SuppressWarnings("unchecked") Map<String, Object> data = (Map<String, Object>) m.computeIfAbsent("stringData", k -> new LinkedHashMap<>());
                    data.put(key, value);
                }
            }
        }
        return copy;
    }

    private static Map<String, Object> container(List<Map<String, Object>> manifests, String name) {
        for (var m : manifests) {
            if ("StatefulSet".equals(m.get("kind"))) {
                Map<String, Object> podSpec = PodTemplate.map(PodTemplate.map(PodTemplate.map(m, "spec"), "template"), "spec");
                for (String list : List.of("initContainers", "containers")) {
                    for (var c : PodTemplate.list(podSpec.get(list))) {
                        if (name.equals(c.get("name"))) {
                            return c;
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException("no container " + name + " in the StatefulSet");
    }
}
