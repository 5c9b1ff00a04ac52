package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Rollouts of the dev stack through the real engine: `pulumi up` of a change that rolls the pods returns only once
 * every pod runs the new revision and is ready, also when the controller-manager is slow to write the StatefulSet's
 * status (provider 4.25.0's own wait trusts a status the controller has not yet written for the new spec).
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
            dev.pulumi().check("stack", "init", "dev", "--secrets-provider", "passphrase");
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
}
