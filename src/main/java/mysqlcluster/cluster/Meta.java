package mysqlcluster.cluster;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

/** Object metadata every part uses: a fixed name (never Pulumi's auto-naming) and the cluster's labels. */
final class Meta {
    private Meta() {
    }

    static ObjectMetaArgs namespaced(Names names, String name) {
        return in(names, names.namespace(), name);
    }

    static ObjectMetaArgs in(Names names, String namespace, String name) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace).labels(names.labels()).build();
    }

    static ObjectMetaArgs clusterScoped(Names names, String name) {
        return ObjectMetaArgs.builder().name(name).labels(names.labels()).build();
    }
}
