package mysqlcluster.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.CiRequirement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bash `run:` step of the workflows and composite actions passes shellcheck, with each `${{ ... }}` expression
 * replaced by a plain word (GitHub substitutes them before the shell runs). A failure names the file, job and step.
 */
class WorkflowShellcheckTest {
    @BeforeEach
    void shellcheckIsInstalled() {
        if (!Workflows.onPath("shellcheck")) {
            CiRequirement.unmet("shellcheck on the workflows", "shellcheck is not installed (apt-get install shellcheck;"
                    + " .ci/run installs it)");
        }
    }

    @Test
    void everyRunStepIsShellcheckClean() throws Exception {
        var problems = new ArrayList<String>();
        int steps = 0;
        for (Path file : Workflows.withActions()) {
            for (var step : Workflows.runSteps(Workflows.relative(file), Workflows.read(file))) {
                steps++;
                problems.addAll(shellcheck(step));
            }
        }
        assertFalse(steps == 0, "no run steps found in " + Workflows.WORKFLOWS);
        assertEquals(List.of(), problems);
    }

    @Test
    void aRunStepWithAnUnquotedVariableIsReportedWithItsJobAndStep() throws Exception {
        var steps = Workflows.runSteps("broken.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-24.04
                    steps:
                      - uses: actions/checkout@v4
                      - name: greet
                        run: |
                          name=$(git log -1 --format=%an "${{ github.sha }}")
                          echo $name
                """);
        assertEquals(1, steps.size());
        List<String> problems = shellcheck(steps.get(0));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("broken.yml: job build, step 2 (greet):\n"), problems.get(0));
        assertTrue(problems.get(0).contains("SC2086"), problems.get(0));
    }

    @Test
    void expressionsBecomeAPlainWordAndOtherShellsAreLeftAlone() throws Exception {
        var steps = Workflows.runSteps("action.yml", """
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: test -n "${{ inputs.stack }}" && echo ${{ inputs.stack }}
                    - shell: pwsh
                      run: Write-Output $env:STACK
                """);
        assertEquals("test -n \"GHA_EXPRESSION\" && echo GHA_EXPRESSION", steps.get(0).checkable());
        assertEquals(List.of(), shellcheck(steps.get(0)));
        assertEquals(List.of(), shellcheck(steps.get(1)));
    }

    /** shellcheck's findings for one step, as one message naming the step; none for a shell other than bash or sh. */
    static List<String> shellcheck(Workflows.RunStep step) throws IOException, InterruptedException {
        String shell = step.shell().split("\\s+")[0];
        if (!shell.equals("bash") && !shell.equals("sh")) {
            return List.of();
        }
        Process process = new ProcessBuilder("shellcheck", "--shell=" + shell, "--severity=style", "-")
                .redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(step.checkable().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? List.of() : List.of(step.where() + ":\n" + output.strip());
    }
}
