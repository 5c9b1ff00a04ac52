package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The staging stack from an empty cluster, following docs/stacks.md: the platform's namespace and Secret first, then
 * `pulumi stack init` and `pulumi up` with stacks/Pulumi.staging.yaml. A destroy removes everything the stack
 * made; the namespace, the Secret in it and the claims (retained: they hold the data) stay.
 */
class StagingStackIT {
    @Test
    void stagingUpFromNothingAndDestroyLeavesThePlatformsNamespaceSecretAndClaims() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "staging");
            var staging = StackWorkspace.create(plane, "staging");
            var rendered = FirstDeployment.upAndCheck(plane, staging);
            assertEquals(List.of(), StackState.urns(staging, "kubernetes:core/v1:Namespace"),
                    "the platform's namespace was taken over by the stack");

            staging.check("destroy", "--yes");
            for (var object : rendered) {
                assertFalse(plane.kubectl().exists(LiveObjects.getArgs(object)),
                        LiveObjects.reference(object) + " is still there after pulumi destroy");
            }
            assertTrue(plane.kubectl().exists("namespace/mysql-staging"), "the namespace is the platform's");
            assertTrue(plane.kubectl().exists("secret/mysql-credentials", "-n", "mysql-staging"), "the Secret too");
            for (int i = 0; i < 3; i++) {
                assertTrue(plane.kubectl().exists("pvc/data-mysql-" + i, "-n", "mysql-staging"),
                        "claim " + i + " holds data: retained");
            }
        }
    }
}
