package mysqlcluster.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import mysqlcluster.settings.Settings;

/**
 * The cluster's namespace, enforcing the restricted Pod Security Standard; or the name of an existing one. Deleting it
 * deletes every claim in it: protected and kept on delete in stacks with cluster.protect. GATE is what everything in
 * the namespace waits for first (the CRD reads): the namespace itself waits for it, and without a namespace of the
 * stack's own, each resource in it does (Options.inNamespace).
 */
record NamespacePart(Output<String> name, Optional<Resource> resource, List<Resource> gate) {
    static final String PSS_LEVEL = "restricted";

    static NamespacePart declare(Settings settings, Names names, List<Resource> gate, Resource parent) {
        if (!settings.cluster().createNamespace()) {
            return new NamespacePart(Output.of(names.namespace()), Optional.empty(), gate);
        }
        var labels = new LinkedHashMap<>(names.labels());
        labels.put("pod-security.kubernetes.io/enforce", PSS_LEVEL);
        labels.put("pod-security.kubernetes.io/warn", PSS_LEVEL);
        labels.put("pod-security.kubernetes.io/audit", PSS_LEVEL);
        var namespace = new Namespace(names.namespace(), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(names.namespace()).labels(labels).build())
                .build(), Options.child(parent).protect(settings.cluster().protect())
                .retainOnDelete(settings.cluster().protect()).dependsOn(gate).build());
        return new NamespacePart(namespace.metadata().applyValue(m -> m.name().orElseThrow()), Optional.of(namespace),
                gate);
    }
}
