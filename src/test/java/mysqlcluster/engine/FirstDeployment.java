package mysqlcluster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack's first deployment as docs/stacks.md tells it, and what must hold after it: the stack's set-up (StackSetup),
 * `pulumi up` from an empty cluster (the platform's prerequisites in place), every field render prints in the API
 * server with that value, `pulumi preview --expect-no-changes` before and after `pulumi refresh`, the stack file as
 * the set-up left it, and no changes either when previewed the way the workflows run pulumi.
 */
public final class FirstDeployment {
    private FirstDeployment() {
    }

    /** Deploys STACK and checks it; returns the objects render printed for it. */
    public static List<ObjectNode> upAndCheck(ControlPlane plane, StackWorkspace stack) {
        String stackFile = StackSetup.initialise(stack);
        stack.check("up", "--yes");

        var rendered = LiveObjects.parse(stack.render());
        assertFalse(rendered.isEmpty(), "render printed no objects");
        var differences = new ArrayList<String>();
        for (var object : rendered) {
            differences.addAll(LiveObjects.differences(object, plane.kubectl().get(LiveObjects.getArgs(object))));
        }
        assertEquals("", String.join("\n", differences), "the objects in the API server differ from render's");

        expectNoChanges(stack, "after the first up");
        stack.check("refresh", "--yes");
        expectNoChanges(stack, "after a refresh");
        assertEquals(stackFile, read(stack.stackFile()), "pulumi rewrote " + stack.stackFile().getFileName());
        StackSetup.expectNoChangesAsTheWorkflowsRunIt(stack);
        return rendered;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** `pulumi preview --expect-no-changes`; on a change, fails with `pulumi preview --diff`'s account of it. */
    static void expectNoChanges(StackWorkspace stack, String when) {
        var preview = stack.run("preview", "--expect-no-changes");
        if (!preview.ok()) {
            throw new AssertionError("pulumi preview proposes changes " + when + ":\n"
                    + stack.run("preview", "--diff").out());
        }
    }
}
