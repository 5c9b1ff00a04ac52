package mysqlcluster.cluster;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.List;

/** Resource options shared by the parts: every resource is a child of the component, on the pinned provider. */
final class Options {
    private Options() {
    }

    static CustomResourceOptions.Builder child(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).version(KubernetesProvider.VERSION);
    }

    /** A namespaced resource also waits for the namespace the component created, or else for its gate. */
    static CustomResourceOptions.Builder inNamespace(Resource parent, NamespacePart namespace) {
        return child(parent).dependsOn(namespace.resource().map(List::of).orElse(namespace.gate()));
    }
}
