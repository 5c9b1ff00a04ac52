package mysqlcluster.change;

import com.pulumi.resources.ResourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import mysqlcluster.render.MockRun;

/**
 * What `pulumi up` would do to each resource when the program's declarations go from one run to another: per Pulumi
 * resource, the changed fields (less those its ignoreChanges option hides) and whether the provider updates it in
 * place, replaces it (deleting first when the name stays), adds or removes it.
 */
record ObjectChanges(List<Change> changes, boolean optionsOnly) {
    enum Verb { UPDATED, REPLACED_DELETE_FIRST, REPLACED_NEW_FIRST, ADDED, REMOVED }

    /** One resource's fate; fields are the changed leaf paths, e.g. spec.template.spec.containers[2].image. */
    record Change(String kind, String name, Verb verb, List<String> fields) {
        boolean touches(String field) {
            return fields.stream().anyMatch(f -> KubernetesFacts.matches(f, List.of(field)));
        }
    }

    static ObjectChanges between(MockRun before, MockRun after) {
        var changes = new ArrayList<Change>();
        var keys = new TreeSet<>(before.byResource().keySet());
        keys.addAll(after.byResource().keySet());
        boolean optionsDiffer = false;
        for (String key : keys) {
            Map<String, Object> old = before.byResource().get(key);
            Map<String, Object> now = after.byResource().get(key);
            String name = key.substring(key.indexOf("::") + 2);
            String kind = kind(key);
            if (old == null) {
                changes.add(new Change(kind, name, Verb.ADDED, List.of()));
            } else if (now == null) {
                changes.add(new Change(kind, name, Verb.REMOVED, List.of()));
            } else {
                List<String> fields = changedFields(old, now, after.options().get(key));
                if (!fields.isEmpty()) {
                    changes.add(new Change(kind, name, verb(kind, key, old, now, fields, after.options().get(key)), fields));
                }
                optionsDiffer |= !sameOptions(before.options().get(key), after.options().get(key));
            }
        }
        return new ObjectChanges(List.copyOf(changes), changes.isEmpty() && optionsDiffer);
    }

    /** "kubernetes:core/v1:PersistentVolumeClaimPatch::data-mysql-0" -> PersistentVolumeClaimPatch */
    private static String kind(String key) {
        String type = key.substring(0, key.indexOf("::"));
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private static Verb verb(String kind, String key, Map<String, Object> old, Map<String, Object> now,
                             List<String> fields, ResourceOptions options) {
        // a Patch resource is only ever updated (provider.go: forceNew is identity only for patches)
        String objectKind = kind.endsWith("Patch") ? "Patch" : kind;
        var replaceFields = new ArrayList<>(KubernetesFacts.IDENTITY);
        replaceFields.addAll(KubernetesFacts.PROVIDER_REPLACES.getOrDefault(objectKind, List.of()));
        replaceFields.addAll(options.getReplaceOnChanges());
        if (fields.stream().noneMatch(f -> KubernetesFacts.matches(f, replaceFields))) {
            return Verb.UPDATED;
        }
        boolean sameName = Objects.equals(meta(old, "name"), meta(now, "name"))
                && Objects.equals(meta(old, "namespace"), meta(now, "namespace"));
        return sameName ? Verb.REPLACED_DELETE_FIRST : Verb.REPLACED_NEW_FIRST;
    }

    @SuppressWarnings("unchecked")
    private static Object meta(Map<String, Object> manifest, String field) {
        return ((Map<String, Object>) manifest.get("metadata")).get(field);
    }

    private static List<String> changedFields(Map<String, Object> old, Map<String, Object> now, ResourceOptions options) {
        var a = new TreeMap<String, Object>();
        var b = new TreeMap<String, Object>();
        flatten("", old, a);
        flatten("", now, b);
        var keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !Objects.equals(a.get(k), b.get(k)))
                .filter(k -> !KubernetesFacts.matches(k, options.getIgnoreChanges())).toList();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String path, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + i + "]", list.get(i), out);
            }
            out.put(path + ".length", list.size());
        } else {
            out.put(path, value);
        }
    }

    private static boolean sameOptions(ResourceOptions a, ResourceOptions b) {
        return a.isProtect() == b.isProtect() && a.isRetainOnDelete() == b.isRetainOnDelete()
                && Objects.equals(timeouts(a), timeouts(b));
    }

    private static Object timeouts(ResourceOptions options) {
        return options.getCustomTimeouts().map(t -> List.of(t.getCreate(), t.getUpdate(), t.getDelete())).orElse(null);
    }
}
