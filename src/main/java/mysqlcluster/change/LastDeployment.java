package mysqlcluster.change;

import com.pulumi.Context;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import com.pulumi.resources.StackReferenceOutputDetails;
import java.util.Optional;

/**
 * Reads the stack's own outputs from its last deployment through a stack reference to itself. The program waits for
 * them before it declares anything, so a refused change touches nothing. A preview reads the last completed
 * deployment, which is what a pull request's preview and the preview `pulumi up` runs first (unless --skip-preview)
 * are checked against.
 */
public final class LastDeployment {
    static final String RESOURCE_NAME = "last-deployment";

    private LastDeployment() {
    }

    public static Optional<DeployedSettings> read(Context ctx) {
        String self = ctx.organizationName() + "/" + ctx.projectName() + "/" + ctx.stackName();
        var reference = new StackReference(RESOURCE_NAME, StackReferenceArgs.builder().name(self).build());
        return DeployedSettings.fromOutputs(name -> value(reference, name));
    }

    private static Optional<Object> value(StackReference reference, String name) {
        StackReferenceOutputDetails details = reference.outputDetailsAsync(name).join();
        return details.getValue().or(details::getSecretValue);
    }
}
