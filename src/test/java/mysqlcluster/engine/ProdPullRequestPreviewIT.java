package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;

/**
 * A pull request's preview of a deployed prod stack, run with the credentials of an identity that has only what
 * src/main/resources/rbac/pull-request-preview.yaml grants (bound as its header says), read rights and no Secret:
 * a config change, which plans a new content-named ConfigMap, fails without them, saying forbidden, and passes
 * with them, planning what an admin's preview plans. It needs only to read the backend: it passes with the backend
 * mounted read-only, where an up fails. And what the passphrase the previews hold decrypts in prod's state: nothing,
 * no secret value is in it (the passwords are the platform's Secret).
 */
class ProdPullRequestPreviewIT {
    @Test
    void prodPreviewOfAConfigChangePassesWithTheReadOnlyPreviewRoleAndFailsWithoutIt() {
        EnginePreconditions.require();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "prod");
            var prod = StackWorkspace.create(plane, "prod");
            StackSetup.initialise(prod);
            prod.check("up", "--yes");
            assertEquals(0, StackState.secretValues(prod), "prod's state holds secret values");

            StackFileEdit.write(prod.stackFile(), prod.directory().resolve("stacks/change.yaml"), "server.config",
                    Map.of("innodb_buffer_pool_size", "6G", "max_connections", "800"));
            Path backend = prod.directory().resolve("backend");
            var preview = prod.pulumi().withKubeconfig(plane.previewKubeconfig()).withReadOnly(backend);
            String[] args = {"preview", "--json", "--show-replacement-steps", "--stack", "prod", "--config-file",
                    "stacks/change.yaml"};

            var denied = preview.run(args);
            String output = denied.out() + denied.err();
            assertNotEquals(0, denied.exit(), output);
            assertTrue(output.contains("forbidden"), output);

            plane.kubectl().check("apply", "-f",
                    TestStacks.ROOT.resolve("src/main/resources/rbac/pull-request-preview.yaml").toString());
            plane.kubectl().check("create", "clusterrolebinding", "mysql-cluster-preview",
                    "--clusterrole=mysql-cluster-preview", "--user=" + ControlPlane.PREVIEW_USER);
            var allowed = preview.run(args);
            assertEquals(0, allowed.exit(), allowed.out() + allowed.err());
            var steps = PreviewSteps.parse(allowed.out()).resources();
            // the backup job mounts the same content-named ConfigMap
            assertEquals(Map.of(new PreviewSteps.Resource("ConfigMap", "mysql"), PreviewSteps.Step.REPLACE_CREATE_FIRST,
                    new PreviewSteps.Resource("StatefulSet", "mysql"), PreviewSteps.Step.UPDATE,
                    new PreviewSteps.Resource("CronJob", "mysql-backup"), PreviewSteps.Step.UPDATE), steps);

            var up = prod.pulumi().withReadOnly(backend).run("up", "--yes", "--stack", "prod", "--config-file",
                    "stacks/change.yaml");
            assertNotEquals(0, up.exit(), "an up with a read-only backend passed: the mount did not hold");
            assertTrue((up.out() + up.err()).contains("read-only file system"), up.out() + up.err());
        }
    }
}
