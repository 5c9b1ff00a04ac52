package mysqlcluster.render;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes a Kubernetes object the same object in two renders: API group (not version: apps/v1beta1 and apps/v1
 * name one Deployment), kind, namespace ("" when cluster-scoped) and name.
 */
record ObjectKey(String group, String kind, String namespace, String name) {
    /** A content hash at the end of a name, as in {@code mysql-0123abcdef}. */
    private static final Pattern HASH_SUFFIX = Pattern.compile("-[0-9a-f]{6,}$");
    static final String NOT_AN_OBJECT = "not a Kubernetes object (it needs apiVersion, kind and metadata.name)";

    /** The key of a manifest; throws IllegalArgumentException naming what a manifest lacks. */
    @SuppressWarnings("unchecked")
    static ObjectKey of(Map<String, Object> manifest) {
        if (!(manifest.get("apiVersion") instanceof String apiVersion) || !(manifest.get("kind") instanceof String kind)
                || !(manifest.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("name") instanceof String name)) {
            throw new IllegalArgumentException(NOT_AN_OBJECT);
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        Object namespace = ((Map<String, Object>) metadata).get("namespace");
        return new ObjectKey(group, kind, namespace == null ? "" : namespace.toString(), name);
    }

    /** {@code StatefulSet mysql/mysql}, or {@code StorageClass mysql-rbd} for a cluster-scoped object. */
    String label() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /**
     * The key with a final content hash dropped from the name ({@code mysql-0123abcdef} and {@code mysql} both give
     * {@code mysql}): a removed and an added object with the same rename key may be one content-named object renamed.
     */
    ObjectKey renameKey() {
        return new ObjectKey(group, kind, namespace, HASH_SUFFIX.matcher(name).replaceFirst(""));
    }
}
