package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The dev stack through the real Pulumi engine, Java language host and Kubernetes provider, against a real API
 * server, following the README's quick start: up, the objects as render prints them, no changes on a second preview
 * and after a refresh, and a destroy that removes what the README says.
 */
class DevStackIT {
    @Test
    void devUpMatchesRenderPreviewsNoChangesBeforeAndAfterRefreshAndDestroyRemovesIt() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "dev");
            var dev = StackWorkspace.create(plane, "dev");
            dev.pulumi().check("stack", "init", "dev", "--secrets-provider", "passphrase");
            dev.check("up", "--yes");

            var rendered = LiveObjects.parse(dev.render());
            assertFalse(rendered.isEmpty(), "render printed no objects");
            var differences = new ArrayList<String>();
            for (var object : rendered) {
                differences.addAll(LiveObjects.differences(object, plane.kubectl().get(LiveObjects.getArgs(object))));
            }
            assertEquals("", String.join("\n", differences), "the objects in the API server differ from render's");

            dev.check("preview", "--expect-no-changes");
            dev.check("refresh", "--yes");
            dev.check("preview", "--expect-no-changes");

            dev.check("destroy", "--yes");
            for (var object : rendered) {
                assertFalse(plane.kubectl().exists(LiveObjects.getArgs(object)),
                        LiveObjects.reference(object) + " is still there after pulumi destroy");
            }
            assertTrue(plane.kubectl().exists("namespace/rook-ceph"), "the Rook namespace is the platform's");
        }
    }
}
