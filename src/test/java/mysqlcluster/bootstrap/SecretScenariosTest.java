package mysqlcluster.bootstrap;

import static mysqlcluster.bootstrap.ScenarioCluster.READY;
import static mysqlcluster.bootstrap.ScenarioCluster.SIDECAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import mysqlcluster.settings.EngineVersion;
import mysqlcluster.settings.Password;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster's Secret as the pods read it, on real servers in the emulated StatefulSet, per engine of the matrix. */
class SecretScenariosTest {
    @RegisterExtension
    final ScenarioCluster cluster = new ScenarioCluster();

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void missingSecretKeyIsNamed(EngineVersion engine) {
        String key = Password.REPLICATION.secretKey();
        // the key absent from the Secret: the kubelet refuses the container that reads it (the sidecar)
        var sts = cluster.start(engine, ManifestEdits.setSecretKey(BootstrapStack.manifests(engine), key, null),
                EmulatedStatefulSet.Options.defaults());
        EmulatedPod pod = sts.createPod(0);
        Await.until(Duration.ofSeconds(60), "the sidecar refused", () -> pod.current(SIDECAR) != null, pod::describe);
        assertEquals("couldn't find key " + key + " in Secret " + sts.template().namespace() + "/"
                + sts.template().secrets().keySet().iterator().next(), pod.current(SIDECAR).createError());

        // the key present but empty: the sidecar stops with the variable and the key in its last line
        sts = cluster.start(engine, ManifestEdits.setSecretKey(BootstrapStack.manifests(engine), key, ""),
                EmulatedStatefulSet.Options.defaults());
        EmulatedPod pod0 = sts.createPod(0);
        Await.until(Duration.ofSeconds(60), "the sidecar failing", () -> pod0.current(SIDECAR) != null
                && pod0.current(SIDECAR).exitCode() != null, pod0::describe);
        ContainerRun sidecar = pod0.runs(SIDECAR).get(0);
        assertEquals(1, sidecar.exitCode());
        String last = sidecar.log().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.endsWith("ERROR: environment variable REPLICATION_PASSWORD is missing or empty: set key '"
                + key + "' in the cluster's Secret"), last);
    }

    /** What the replica sidecars log when they bring their replication password up to date (sidecar.sh). */
    static final String PASSWORD_REFRESHED = "replication logs in with the replication password of this pod's Secret from now on";

    @ParameterizedTest(name = ScenarioCluster.ON_ENGINE)
    @MethodSource("mysqlcluster.bootstrap.ScenarioCluster#engines")
    void rotatedPasswordsRollThroughTheReplicasWhileReplicationRuns(EngineVersion engine) {
        var sts = cluster.startWithRows(engine, 3);
        var db = cluster.db();
        String oldReplication = BootstrapStack.password(Password.REPLICATION);
        String newReplication = "rotated repl 'pw' \\ #5";
        var rotated = ManifestEdits.setSecretKey(BootstrapStack.manifests(engine), Password.REPLICATION.secretKey(), newReplication);
        sts.update(ManifestEdits.setSecretKey(rotated, Password.BACKUP.secretKey(), "rotated backup \"pw\" $6"));

        // the StatefulSet rolls the highest ordinal first: pod 2 sets the new passwords on the primary
        sts.recreatePod(2, READY);
        db.insertRows("t", 1001, 1000);
        db.awaitCaughtUp(1, 2);
        sts.recreatePod(1, READY);
        db.insertRows("t", 2001, 1000);
        db.awaitCaughtUp(1, 2);
        // the primary last: the replicas reconnect to it, which only the new password can do now
        sts.recreatePod(0, READY);
        db.insertRows("t", 3001, 1000);
        db.awaitCaughtUp(1, 2);
        db.assertSameData("t", 4000, List.of(0, 1, 2));
        for (int replica : List.of(1, 2)) {
            db.assertReplicating(replica);
            assertTrue(sts.pod(replica).current(SIDECAR).log().contains(PASSWORD_REFRESHED), "pod " + replica
                    + " replicates with the new password:\n" + sts.pod(replica).current(SIDECAR).log());
        }
        assertFalse(sts.client(0, "replication", oldReplication).execute("SELECT 1").ok(), "the old password is refused");
        assertEquals("1", sts.client(0, "replication", newReplication).value("SELECT 1"));

        // a new replica clones from pod 2 with the new backup password
        sts.scaleTo(4, READY);
        db.awaitCaughtUp(3);
        db.assertSameData("t", 4000, List.of(0, 1, 2, 3));
        db.assertReplicating(3);
    }
}
