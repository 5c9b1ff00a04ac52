package mysqlcluster.cluster;

import static mysqlcluster.cluster.ManifestView.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import mysqlcluster.render.MockRun;
import mysqlcluster.render.SecretValues;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;

/** What each environment promises (issue: dev is small and disposable, prod is spread out and protected). */
class StackExpectationsTest {
    @Test
    void devIsAPrimaryAndOneReplicaOnASingleCopyPool() {
        Settings s = TestStacks.settings("dev");
        var view = new ManifestView(TestStacks.run("dev").manifests());
        Names names = Names.of(s);
        assertEquals(2L, (long) get(view.one("StatefulSet", names.statefulSet()), "spec.replicas"));
        var pool = view.one("CephBlockPool", names.pool());
        assertEquals(1L, (long) get(pool, "spec.replicated.size"));
        assertEquals(false, get(pool, "spec.replicated.requireSafeReplicaSize"));
        assertEquals("Delete", get(view.one("StorageClass", names.storageClass()), "reclaimPolicy"));
        assertEquals(1, view.all("Secret").size(), "dev's passwords are Pulumi secrets");
    }

    @Test
    void prodIsThreePodsOnThreeHostsWithAThreeCopyPoolAndNothingDeletable() {
        Settings s = TestStacks.settings("prod");
        MockRun run = TestStacks.run("prod");
        var view = new ManifestView(run.manifests());
        Names names = Names.of(s);
        var sts = view.one("StatefulSet", names.statefulSet());
        assertEquals(3L, (long) get(sts, "spec.replicas"));
        var pool = view.one("CephBlockPool", names.pool());
        assertEquals(3L, (long) get(pool, "spec.replicated.size"));
        assertEquals("host", get(pool, "spec.failureDomain"));
        assertEquals(true, get(pool, "spec.replicated.requireSafeReplicaSize"));
        List<Map<String, Object>> required = get(sts,
                "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution");
        assertEquals("kubernetes.io/hostname", required.get(0).get("topologyKey"));
        assertEquals("Retain", get(view.one("StorageClass", names.storageClass()), "reclaimPolicy"));
        assertEquals("Retain", get(sts, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted"));
        assertTrue(view.all("Namespace").isEmpty(), "prod's namespace is the platform's, made with its Secret");
        for (String key : List.of(MockRun.key("kubernetes:ceph.rook.io/v1:CephBlockPool", names.pool()),
                MockRun.key("kubernetes:apps/v1:StatefulSet", names.statefulSet()))) {
            assertTrue(run.options().get(key).isProtect(), key + " is protected");
            assertTrue(run.options().get(key).isRetainOnDelete(), key + " stays in the cluster on pulumi destroy");
        }
        assertEquals(0, view.all("Secret").size(), "prod reads passwords from an existing Secret");
        assertTrue(Quantities.mebibytes(s.storage().volumeSize()) > Quantities.mebibytes(TestStacks.settings("dev").storage().volumeSize()));
    }

    @Test
    void rolloutTimeoutGrowsWithTheDataEachReplicaClones() {
        Settings dev = TestStacks.settings("dev");
        Settings prod = TestStacks.settings("prod");
        // dev: one clone of 5Gi at 50 MiB/s = 103 s -> 2 extra minutes; prod: two clones of 200Gi at 100 MiB/s
        assertEquals(12, DatabasePart.rolloutTimeoutMinutes(dev));
        assertEquals(10 + (2L * 200 * 1024 / 100 + 59) / 60, DatabasePart.rolloutTimeoutMinutes(prod));
    }

    @Test
    void changingTheServerConfigMakesANewConfigMapAndPodTemplateSoPodsRoll() {
        Settings dev = TestStacks.settings("dev");
        var changed = new Settings(dev.cluster(), dev.images(), dev.storage(), dev.resources(), dev.scheduling(),
                dev.network(), dev.credentials(), dev.rollout(),
                new mysqlcluster.settings.ServerSettings(Map.of("max_connections", "42"), 72,
                        dev.server().replicaMaxLagSeconds(), dev.server().replicaCatchUpLagSeconds()), dev.monitoring(),
                dev.backup(), dev.restore(), dev.passwords());
        var before = new ManifestView(MockRun.of(dev, SecretValues.redacted()).manifests());
        var again = new ManifestView(MockRun.of(dev, SecretValues.redacted()).manifests());
        var after = new ManifestView(MockRun.of(changed, SecretValues.redacted()).manifests());
        String beforeName = get(before.all("ConfigMap").get(0), "metadata.name");
        String afterName = get(after.all("ConfigMap").get(0), "metadata.name");
        assertEquals(beforeName, get(again.all("ConfigMap").get(0), "metadata.name"), "same content, same name");
        assertNotEquals(beforeName, afterName, "new content, new ConfigMap: the old one stays for pods not yet rolled");
        assertEquals(afterName, get(after.one("StatefulSet", "mysql"), "spec.template.spec.volumes[config].configMap.name"));
        assertTrue(((Map<String, String>) get(after.all("ConfigMap").get(0), "data")).get("primary.cnf")
                .contains("max_connections = 42"));
    }

    @Test
    void mariadbStackRunsTheMariadbImagesAndItsEngineScript() {
        Settings s = StackFile.load(TestStacks.named("bootstrap"));
        var view = new ManifestView(MockRun.of(s, SecretValues.redacted()).manifests());
        var sts = view.one("StatefulSet", "mysql");
        assertTrue(((String) get(sts, "spec.template.spec.containers[server].image")).startsWith("mariadb:11.8."));
        List<Map<String, Object>> env = get(sts, "spec.template.spec.initContainers[clone].env");
        assertTrue(env.stream().anyMatch(e -> "CLONE_PORT".equals(e.get("name"))), "MariaDB clones over the clone port");
        Map<String, String> data = get(view.all("ConfigMap").get(0), "data");
        assertEquals(mysqlcluster.cluster.Resources.text("scripts/engine/mariadb.sh"), data.get("engine.sh"));
    }
}
