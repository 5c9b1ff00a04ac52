package mysqlcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/** Read access to rendered manifests for assertions: find by kind and name, walk paths. */
record ManifestView(List<Map<String, Object>> manifests) {
    Map<String, Object> one(String kind, String name) {
        var found = manifests.stream()
                .filter(m -> kind.equals(m.get("kind")) && name.equals(get(m, "metadata.name"))).toList();
        assertEquals(1, found.size(), "exactly one " + kind + " " + name + " in " + kinds());
        return found.get(0);
    }

    List<Map<String, Object>> all(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    List<String> kinds() {
        return manifests.stream().map(m -> m.get("kind") + "/" + get(m, "metadata.name")).sorted().toList();
    }

    /** A value by dotted path; list elements are picked by their "name" in brackets: "containers[server].image". */
    @SuppressWarnings("unchecked")
    static <T> T get(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            String key = part;
            String pick = null;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                pick = part.substring(bracket + 1, part.length() - 1);
            }
            current = ((Map<String, Object>) current).get(key);
            if (pick != null && current != null) {
                String wanted = pick;
                current = ((List<Map<String, Object>>) current).stream()
                        .filter(item -> wanted.equals(String.valueOf(item.get("name")))).findFirst().orElse(null);
            }
        }
        return (T) current;
    }
}
