package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The dev stack through the real Pulumi engine, Java language host and Kubernetes provider, against a real API
 * server, following the README's quick start: up, the objects as render prints them, no changes on a second preview
 * and after a refresh, its passwords encrypted in its state, and a destroy that removes everything it made.
 */
class DevStackIT {
    @Test
    void devUpMatchesRenderPreviewsNoChangesBeforeAndAfterRefreshAndDestroyRemovesIt() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "dev");
            var dev = StackWorkspace.create(plane, "dev");
            var rendered = FirstDeployment.upAndCheck(plane, dev);
            // dev's passwords are Pulumi secrets: in its state, encrypted with the committed dev-only passphrase
            assertTrue(StackState.secretValues(dev) > 0, "dev's state holds its passwords as secrets");

            dev.check("destroy", "--yes");
            for (var object : rendered) {
                assertFalse(plane.kubectl().exists(LiveObjects.getArgs(object)),
                        LiveObjects.reference(object) + " is still there after pulumi destroy");
            }
            assertTrue(plane.kubectl().exists("namespace/rook-ceph"), "the Rook namespace is the platform's");
        }
    }
}
