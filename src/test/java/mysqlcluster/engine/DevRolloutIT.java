package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import mysqlcluster.bootstrap.Await;
import mysqlcluster.bootstrap.Host;
import org.junit.jupiter.api.Test;

/**
 * Rollouts of the dev stack through the real engine: `pulumi up` of a change that rolls the pods returns only once
 * every pod runs the new revision and is ready, also when the controller-manager is slow to write the StatefulSet's
 * status (provider 4.25.0's own wait trusts a status the controller has not yet written for the new spec). An
 * upgrade whose new pods never become ready fails within rollout.readyTimeoutMinutes, is not recorded as deployed,
 * and its revert goes through (after the forced-rollback step Kubernetes needs).
 */
class DevRolloutIT {
    /** A controller-manager this slow writes a StatefulSet's status a second or more after its spec changed. */
    static final int BUSY_CONTROLLER_QPS = 1;

    @Test
    void devUpOfAResourceChangeReturnsOnlyWhenEveryPodRunsTheNewRevision() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start(BUSY_CONTROLLER_QPS)) {
            PlatformPrerequisites.install(plane, "dev");
            var dev = StackWorkspace.create(plane, "dev");
            StackSetup.initialise(dev);
            dev.check("up", "--yes");
            var rollout = new StatefulSetRollout("mysql", "mysql-dev");
            for (String cpu : new String[] {"300m", "350m", "400m"}) {
                dev.check("config", "set", "--path", "mysql-cluster:resources.server.cpu", cpu);
                dev.check("up", "--yes");
                assertEquals("", String.join("\n", rollout.unfinished(plane.kubectl())),
                        "pulumi up returned before the rollout to cpu " + cpu + " was done");
            }
        }
    }

    @Test
    void devFailedUpgradeFailsWithinItsTimeoutIsNotRecordedAsDeployedAndItsRevertGoesThrough() throws Exception {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "dev");
            var dev = StackWorkspace.create(plane, "dev");
            StackSetup.initialise(dev);
            setAll(dev, "cluster.version", "8.4", "rollout.readyTimeoutMinutes", "1");
            dev.check("up", "--yes");

            // 9.7 with a memory request no node has: the highest pod is replaced and never scheduled
            setAll(dev, "cluster.version", "9.7", "resources.server.memory", "1000Gi",
                    "resources.server.memoryLimit", "1000Gi");
            long start = System.nanoTime();
            Host.Result failed = dev.run("up", "--yes");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertNotEquals(0, failed.exit(), "an up whose pods never become ready must fail");
            assertTrue(seconds < 150, "it failed after " + seconds + " s, the timeout is 1 minute");
            assertEquals("8.4", deployedVersion(dev), "the failed upgrade is recorded as deployed");

            setAll(dev, "cluster.version", "8.4", "resources.server.memory", "512Mi",
                    "resources.server.memoryLimit", "512Mi");
            dev.check("preview");
            // Kubernetes' forced rollback: once the template is reverted, the pod stuck at the bad revision is
            // deleted by hand (the StatefulSet controller waits for it to become ready before it goes on)
            var rollout = new StatefulSetRollout("mysql", "mysql-dev");
            String bad = plane.kubectl().get("statefulset/mysql", "-n", "mysql-dev").at("/status/updateRevision").asText();
            var revert = CompletableFuture.supplyAsync(() -> dev.run("up", "--yes"));
            Await.until(Duration.ofSeconds(60), "the reverted template", () -> !bad.equals(
                    plane.kubectl().get("statefulset/mysql", "-n", "mysql-dev").at("/status/updateRevision").asText()));
            plane.kubectl().check("delete", "pod", "mysql-1", "-n", "mysql-dev");
            Host.Result reverted = revert.get();
            assertEquals(0, reverted.exit(), "the revert's up failed:\n" + reverted.out() + reverted.err());
            assertEquals("", String.join("\n", rollout.unfinished(plane.kubectl())));
            assertEquals("8.4", deployedVersion(dev));
        }
    }

    /** pulumi config set --path for each KEY VALUE pair. */
    private static void setAll(StackWorkspace stack, String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            stack.check("config", "set", "--path", "mysql-cluster:" + keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    private static String deployedVersion(StackWorkspace stack) throws Exception {
        String json = stack.check("stack", "output", "deployedSettings", "--json");
        return new ObjectMapper().readTree(json).get("cluster.version").asText();
    }
}
