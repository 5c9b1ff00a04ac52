package mysqlcluster.change;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import mysqlcluster.Program;
import mysqlcluster.TestStacks;
import mysqlcluster.settings.InvalidConfigException;
import mysqlcluster.settings.MapConfigSource;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import mysqlcluster.QuietMockEngine;

/** The refusals themselves, and that the program reads the last deployment before it declares anything. */
@ExtendWith(QuietMockEngine.class)
class ChangeGuardTest {
    private static Settings prodWith(ConfigEdit... edits) {
        MapConfigSource source = StackFile.read(TestStacks.named("prod"));
        for (ConfigEdit e : edits) {
            source = e.applyTo(source);
        }
        return Settings.read(source);
    }

    @Test
    void aStackNeverDeployedTakesAnyValidConfig() {
        assertDoesNotThrow(() -> ChangeGuard.check(Optional.empty(), prodWith(new ConfigEdit("cluster.name", "x"))));
    }

    @Test
    void aFirstDeploymentWithAnExistingSecretLeavesThePlatformsNamespaceAlone() {
        var e = assertThrows(InvalidConfigException.class, () -> ChangeGuard.check(Optional.empty(),
                prodWith(new ConfigEdit("cluster.createNamespace", true))));
        assertEquals(List.of("mysql-cluster:cluster.createNamespace: true, but mysql-cluster:credentials.existingSecret"
                + " names the Secret \"mysql-credentials\", which must exist in the namespace \"mysql-prod\" before the"
                + " first pulumi up; this stack would take that namespace over, and its destroy would delete it with the"
                + " Secret and every claim. Set mysql-cluster:cluster.createNamespace to false: the namespace stays the"
                + " platform's"), e.problems());
        assertDoesNotThrow(() -> ChangeGuard.check(Optional.empty(), prodWith()), "prod's own file");
        var deployed = Optional.of(DeployedSettings.of(prodWith(new ConfigEdit("cluster.createNamespace", true))));
        assertDoesNotThrow(() -> ChangeGuard.check(deployed, prodWith(new ConfigEdit("cluster.createNamespace", true))),
                "a stack that owns its namespace already may put a Secret into it and use it");
    }

    @Test
    void everyRefusalIsListedAtOnceUnderItsOwnHeading() {
        var deployed = Optional.of(DeployedSettings.of(prodWith()));
        var e = assertThrows(InvalidConfigException.class, () -> ChangeGuard.check(deployed, prodWith(
                new ConfigEdit("cluster.namespace", "elsewhere"), new ConfigEdit("storage.volumeSize", "1Gi"))));
        assertTrue(e.getMessage().startsWith("Refused: the deployed cluster cannot take this change (2 problems):\n  - "
                + "mysql-cluster:cluster.namespace: was \"mysql-prod\""), e.getMessage());
        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(1).startsWith("mysql-cluster:storage.volumeSize: the claims have 200Gi"));
    }

    @Test
    void growingNeedsAStorageClassThatAllowsExpansion() {
        var deployed = DeployedSettings.of(prodWith());
        assertEquals(List.of("mysql-cluster:storage.volumeSize: growing the claims from 200Gi to 300Gi needs a"
                        + " StorageClass that allows expansion. Set mysql-cluster:storage.allowVolumeExpansion to true in"
                        + " the same change"),
                ChangeGuard.problems(deployed, prodWith(new ConfigEdit("storage.volumeSize", "300Gi"),
                        new ConfigEdit("storage.allowVolumeExpansion", false))));
        assertEquals(List.of(), ChangeGuard.problems(deployed, prodWith(new ConfigEdit("storage.volumeSize", "0.25Ti"))),
                "0.25Ti is larger than 200Gi: sizes compare as quantities, not as text");
    }

    @Test
    void anotherEngineIsOneRefusalNotAlsoAVersionOne() {
        var deployed = DeployedSettings.of(prodWith());
        List<String> problems = ChangeGuard.problems(deployed, prodWith(new ConfigEdit("cluster.engine", "mariadb")));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("mysql-cluster:cluster.engine: was \"mysql\""), problems.get(0));
    }

    @Test
    void aStackDeployedBeforeTheRecordIsCheckedAgainstItsOlderOutputs() {
        Map<String, Object> old = Map.of("namespace", "mysql-prod", "engine", "mysql", "storageClass", "other-rbd");
        var deployed = DeployedSettings.fromOutputs(name -> Optional.ofNullable(old.get(name)));
        List<String> problems = ChangeGuard.problems(deployed.orElseThrow(), prodWith());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("mysql-cluster:storage.storageClassName: was \"other-rbd\""));
        assertEquals(Optional.empty(), DeployedSettings.fromOutputs(name -> Optional.empty()), "never deployed");
    }

    @Test
    void theProgramReadsItsLastDeploymentAndDeclaresNothingWhenRefused() {
        var deployed = new java.util.HashMap<>(DeployedSettings.of(prodWith()).values());
        deployed.put("cluster.namespace", "mysql-old");
        var declared = Collections.synchronizedList(new ArrayList<String>());
        var referenced = Collections.synchronizedList(new ArrayList<Object>());
        Mocks mocks = args -> {
            if (args.type.equals("pulumi:pulumi:StackReference")) {
                referenced.add(args.inputs.get("name"));
                return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name), Map.of(
                        "name", args.inputs.get("name"), "outputs", Map.of(DeployedSettings.OUTPUT, deployed),
                        "secretOutputNames", List.of())));
            }
            declared.add(args.type + " " + args.name);
            return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name), args.inputs));
        };
        var result = PulumiTest.withMocks(mocks)
                .withOptions(TestOptions.builder().projectName("mysql-cluster").stackName("prod").preview(true).build())
                .runTest(ctx -> Program.run(ctx, StackFile.read(TestStacks.named("prod")), p -> Output.ofSecret("x"),
                        LastDeployment.read(ctx)));
        assertEquals(List.of("organization/mysql-cluster/prod"), referenced, "the stack's own last deployment");
        assertEquals(List.of(), declared, "nothing may be declared");
        Throwable error = result.exceptions().get(0);
        while (!(error instanceof InvalidConfigException) && error.getCause() != null) {
            error = error.getCause();
        }
        var refusal = assertInstanceOf(InvalidConfigException.class, error);
        assertEquals(1, refusal.problems().size());
        assertTrue(refusal.problems().get(0).startsWith("mysql-cluster:cluster.namespace: was \"mysql-old\" when the"
                + " cluster was deployed, now \"mysql-prod\""), refusal.problems().get(0));
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void aClaimedBucketMayBeNamedAfterTheFirstDeploymentButNeverChanged() {
        var noBackup = Optional.of(DeployedSettings.of(prodWith(new ConfigEdit("backup.objectStore", null),
                new ConfigEdit("backup.enabled", false))));
        assertDoesNotThrow(() -> ChangeGuard.check(noBackup, prodWith()), "backups turned on later claim a bucket");
        var claimed = Optional.of(DeployedSettings.of(prodWith()));
        var e = assertThrows(InvalidConfigException.class, () -> ChangeGuard.check(claimed,
                prodWith(new ConfigEdit("backup.objectStore", null), new ConfigEdit("backup.enabled", false))));
        assertEquals(List.of("mysql-cluster:backup.objectStore: was \"rook-ceph/backups\" when the cluster was"
                        + " deployed, now \"\"; the backups' bucket was claimed through it: another value replaces the"
                        + " ObjectBucketClaim, which makes a new, empty bucket, and the backups and binary logs stay in the"
                        + " old one, which nothing prunes any more. Set it back to \"rook-ceph/backups\"; for backups in"
                        + " another bucket, deploy a new stack that restores from this one (restore.*) with the new value",
                "mysql-cluster:backup.bucketClassName: was \"mysql-prod-bucket\" when the cluster was deployed, now"
                        + " \"\"; the backups' bucket was claimed through it: another value replaces the"
                        + " ObjectBucketClaim, which makes a new, empty bucket, and the backups and binary logs stay in the"
                        + " old one, which nothing prunes any more. Set it back to \"mysql-prod-bucket\"; for backups in"
                        + " another bucket, deploy a new stack that restores from this one (restore.*) with the new value"),
                e.problems(), "taking the claim away would delete it: refused too");
        assertDoesNotThrow(() -> ChangeGuard.check(claimed, prodWith(new ConfigEdit("backup.enabled", false))),
                "backups off keep the claim and its bucket");
    }

    @Test
    void aRestoreIsTakenOnlyByTheFirstDeploymentAndMayBeDroppedAfter() {
        var restore = new ConfigEdit("restore", java.util.Map.of("backup", "latest", "from", java.util.Map.of(
                "endpoint", "https://s3.example.com", "bucket", "db-backups", "prefix", "prod/mysql",
                "existingSecret", "keys")));
        assertDoesNotThrow(() -> ChangeGuard.check(Optional.empty(), prodWith(restore)), "a new stack restores");
        var restored = Optional.of(DeployedSettings.of(prodWith(restore)));
        assertDoesNotThrow(() -> ChangeGuard.check(restored, prodWith(restore)), "kept as deployed");
        assertDoesNotThrow(() -> ChangeGuard.check(restored, prodWith()), "dropped after the restore");
        var e = assertThrows(InvalidConfigException.class, () -> ChangeGuard.check(
                Optional.of(DeployedSettings.of(prodWith())), prodWith(restore)));
        assertEquals(List.of("mysql-cluster:restore: set after the cluster was deployed; a restore only initialises a"
                + " new cluster's first pod, and this cluster's data exists. Remove it; to restore, deploy a new stack"
                + " with mysql-cluster:restore (see docs/backup.md)"), e.problems());
        // a stack deployed before restore.* existed records nothing for it: a restore set now is refused all the same
        var old = new java.util.HashMap<>(DeployedSettings.of(prodWith()).values());
        old.remove("restore");
        assertThrows(InvalidConfigException.class, () -> ChangeGuard.check(
                Optional.of(new DeployedSettings(java.util.Map.copyOf(old))), prodWith(restore)));
    }
}
