package mysqlcluster.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows' stack-file.sh, run for real in a checkout-like directory: it puts a stack file from stacks/ where
 * pulumi/actions reads it, and refuses a second file at the top and a missing passphrase salt, naming the file.
 */
class StackFileScriptTest {
    static final Path SCRIPT = TestStacks.ROOT.resolve(".github/actions/pulumi-setup/stack-file.sh");
    static final String CONFIG = "config:\n  mysql-cluster:cluster:\n    namespace: mysql-prod\n";
    static final String SALT = "encryptionsalt: v1:c2FsdA==:v1:aXY=:Y2hlY2s=\n";

    record Run(int exit, String output) {
    }

    @Test
    void aStackInStacksIsCopiedNextToPulumiYaml(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.prod.yaml"), CONFIG + SALT);
        Run run = run(dir, "prod", "s3://state");
        assertEquals(0, run.exit(), run.output());
        assertEquals(CONFIG + SALT, Files.readString(dir.resolve("Pulumi.prod.yaml")));
        assertEquals("prod: stacks/Pulumi.prod.yaml\n", run.output());
    }

    @Test
    void devsFileNextToPulumiYamlIsUsedAsItIs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), CONFIG + SALT);
        Run run = run(dir, "dev", "s3://state");
        assertEquals(0, run.exit(), run.output());
        assertEquals("dev: Pulumi.dev.yaml\n", run.output());
        assertFalse(Files.exists(dir.resolve("stacks")));
    }

    @Test
    void aFileAtTheTopBesideTheOneInStacksIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.prod.yaml"), CONFIG + SALT);
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), SALT);
        Run run = run(dir, "prod", "s3://state");
        assertEquals(1, run.exit(), run.output());
        assertEquals("::error::both Pulumi.prod.yaml and stacks/Pulumi.prod.yaml are in the repository: the stack's"
                + " config is stacks/Pulumi.prod.yaml; delete Pulumi.prod.yaml (.gitignore keeps it out; pulumi stack"
                + " init writes it, see docs/stacks.md)\n", run.output());
        assertEquals(SALT, Files.readString(dir.resolve("Pulumi.prod.yaml")), "the top file was overwritten");
    }

    @Test
    void aStackFileWithoutItsSaltIsRefusedWithASelfManagedBackend(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.staging.yaml"), CONFIG);
        Run run = run(dir, "staging", "s3://state");
        assertEquals(1, run.exit(), run.output());
        assertEquals("::error::stacks/Pulumi.staging.yaml has no encryptionsalt line: commit the one pulumi stack init"
                + " wrote for staging (docs/stacks.md shows how it moves into stacks/Pulumi.staging.yaml)\n",
                run.output());
        assertFalse(Files.exists(dir.resolve("Pulumi.staging.yaml")));
    }

    @Test
    void pulumiCloudNeedsNoSalt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.staging.yaml"), CONFIG);
        Run run = run(dir, "staging", null);
        assertEquals(0, run.exit(), run.output());
        assertEquals(CONFIG, Files.readString(dir.resolve("Pulumi.staging.yaml")));
    }

    @Test
    void anUnknownStackIsNamed(@TempDir Path dir) throws Exception {
        Run run = run(dir, "qa", "s3://state");
        assertEquals(1, run.exit(), run.output());
        assertEquals("::error::no stack file for qa: neither Pulumi.qa.yaml nor stacks/Pulumi.qa.yaml exists\n",
                run.output());
    }

    @Test
    void theRepositorysStacksHaveNoFileAtTheTopBesideTheirs() {
        for (Path file : TestStacks.all()) {
            if (file.getParent().equals(TestStacks.ROOT.resolve("stacks"))) {
                assertFalse(Files.exists(TestStacks.ROOT.resolve(file.getFileName())),
                        file.getFileName() + " at the top would stop the workflows");
            }
        }
        assertTrue(Files.isRegularFile(TestStacks.ROOT.resolve("stacks/Pulumi.prod.yaml")));
    }

    static Run run(Path dir, String stack, String backendUrl) throws Exception {
        var builder = new ProcessBuilder("bash", SCRIPT.toString(), stack).directory(dir.toFile())
                .redirectErrorStream(true);
        var env = new HashMap<>(builder.environment());
        env.remove("PULUMI_BACKEND_URL");
        if (backendUrl != null) {
            env.put("PULUMI_BACKEND_URL", backendUrl);
        }
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
