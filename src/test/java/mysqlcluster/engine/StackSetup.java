package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import mysqlcluster.DocPage;
import mysqlcluster.TestStacks;

/**
 * A stack's set-up as docs/stacks.md gives it, and the stack file the workflows then run with. dev: `pulumi stack
 * init dev` (Pulumi.dev.yaml already holds its salt). The stacks in stacks/: the page's stack-setup lines, run as
 * written for prod and with the stack's name for the others, after which the salt is in the stack's file, nothing is
 * left next to Pulumi.yaml, and the salt is the one the stack's state was encrypted with.
 */
public final class StackSetup {
    static final Path WORKFLOWS_STACK_FILE = TestStacks.ROOT.resolve(".github/actions/pulumi-setup/stack-file.sh");
    private static final Pattern SALT_LINE = Pattern.compile("encryptionsalt: (v1:\\S+)\n");

    private StackSetup() {
    }

    /** Sets the stack up; returns its file's text afterwards, which no later pulumi command may change. */
    public static String initialise(StackWorkspace stack) {
        if (stack.stack().equals("dev")) {
            stack.pulumi().check("stack", "init", "dev", "--secrets-provider", "passphrase");
            return FirstDeployment.read(stack.stackFile());
        }
        String committed = FirstDeployment.read(stack.stackFile());
        String script = String.join("\n", DocPage.STACKS.block("stack-setup")).replace("prod", stack.stack());
        var result = stack.pulumi().shell(script);
        assertTrue(result.ok(), "the stack set-up of " + DocPage.STACKS.file() + " failed for " + stack.stack()
                + " (exit " + result.exit() + "):\n" + result.out() + result.err());
        assertFalse(Files.exists(stack.directory().resolve("Pulumi." + stack.stack() + ".yaml")),
                "the set-up left Pulumi." + stack.stack() + ".yaml next to Pulumi.yaml");
        String now = FirstDeployment.read(stack.stackFile());
        assertTrue(now.startsWith(committed), "the set-up changed the committed lines of " + stack.stackFile());
        var salt = SALT_LINE.matcher(now.substring(committed.length()));
        assertTrue(salt.matches(), "the set-up added, instead of one encryptionsalt line: "
                + now.substring(committed.length()));
        assertEquals(stateSalt(stack), salt.group(1), "the stack file's salt is not the one its state was made with");
        return now;
    }

    /**
     * What the workflows do: the set-up action's stack-file.sh puts the stack file next to Pulumi.yaml, and
     * pulumi/actions runs pulumi with --stack only. That preview must propose no changes either.
     */
    static void expectNoChangesAsTheWorkflowsRunIt(StackWorkspace stack) {
        var copy = stack.pulumi().shell("PULUMI_BACKEND_URL=" + stack.backendUrl() + " bash " + WORKFLOWS_STACK_FILE
                + " " + stack.stack());
        assertTrue(copy.ok(), "stack-file.sh failed: " + copy.out() + copy.err());
        try {
            var preview = stack.pulumi().run("preview", "--expect-no-changes", "--stack", stack.stack());
            assertTrue(preview.ok(), "a preview as the workflows run it proposes changes:\n" + preview.out()
                    + preview.err());
            if (!stack.stack().equals("dev")) {
                Files.delete(stack.directory().resolve("Pulumi." + stack.stack() + ".yaml"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stateSalt(StackWorkspace stack) {
        try {
            var state = new ObjectMapper().readTree(stack.pulumi().check("stack", "export", "--stack", stack.stack()));
            return state.at("/deployment/secrets_providers/state/salt").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
