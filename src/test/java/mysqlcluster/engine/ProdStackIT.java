package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prod stack from an empty cluster, following docs/stacks.md: the platform's namespace and Secret first, then
 * `pulumi stack init` and `pulumi up` with stacks/Pulumi.prod.yaml. Three pods on three nodes (required
 * anti-affinity); the namespace stays the platform's; a larger volume size grows every claim in place and a
 * smaller one is refused; a destroy stops at the protected resources with the StatefulSet and the claims intact.
 */
class ProdStackIT {
    @Test
    void prodUpFromNothingKeepsThePlatformsNamespaceAndDestroyStopsAtTheProtectedResources() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "prod");
            var prod = StackWorkspace.create(plane, "prod");
            FirstDeployment.upAndCheck(plane, prod);

            var nodes = plane.kubectl().check("get", "pods", "-n", "mysql-prod", "-o",
                    "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}").strip().lines().sorted().toList();
            assertEquals(ControlPlane.NODES, nodes, "required anti-affinity: one pod per node");
            assertEquals(List.of(), StackState.urns(prod, "kubernetes:core/v1:Namespace"),
                    "the platform's namespace was taken over by the stack: its destroy would delete it");

            // growing the volumes: every claim's request through its patch, the StatefulSet updated in place
            String uid = plane.kubectl().get("statefulset/mysql", "-n", "mysql-prod").at("/metadata/uid").asText();
            StackFileEdit.write(prod.stackFile(), prod.stackFile(), "storage.volumeSize", "300Gi");
            prod.check("up", "--yes");
            for (int i = 0; i < 3; i++) {
                assertEquals("300Gi", plane.kubectl().get("pvc/data-mysql-" + i, "-n", "mysql-prod")
                        .at("/spec/resources/requests/storage").asText(), "claim " + i);
            }
            assertEquals(uid, plane.kubectl().get("statefulset/mysql", "-n", "mysql-prod").at("/metadata/uid").asText(),
                    "the StatefulSet was replaced");
            StackFileEdit.write(prod.stackFile(), prod.stackFile(), "storage.volumeSize", "100Gi");
            var smaller = prod.run("up", "--yes");
            assertNotEquals(0, smaller.exit(), "a smaller volume must be refused");
            assertTrue((smaller.out() + smaller.err()).contains("the claims have 300Gi, 100Gi is smaller"),
                    smaller.out() + smaller.err());
            StackFileEdit.write(prod.stackFile(), prod.stackFile(), "storage.volumeSize", "300Gi");

            var destroy = prod.run("destroy", "--yes");
            assertNotEquals(0, destroy.exit(), "prod's destroy must stop at its protected resources");
            assertTrue(plane.kubectl().exists("statefulset/mysql", "-n", "mysql-prod"), "the StatefulSet is protected");
            for (int i = 0; i < 3; i++) {
                assertTrue(plane.kubectl().exists("pvc/data-mysql-" + i, "-n", "mysql-prod"), "claim " + i);
            }
        }
    }
}
