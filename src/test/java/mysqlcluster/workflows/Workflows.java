package mysqlcluster.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mysqlcluster.TestStacks;

/** The repository's GitHub Actions files, workflows and local composite actions, and the `run:` steps in them. */
final class Workflows {
    static final Path WORKFLOWS = TestStacks.ROOT.resolve(".github/workflows");
    static final Path ACTIONS = TestStacks.ROOT.resolve(".github/actions");
    static final YAMLMapper YAML = new YAMLMapper();
    /** What a `${{ ... }}` expression is replaced with before shellcheck reads a script: a plain word. */
    static final String PLACEHOLDER = "GHA_EXPRESSION";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}", Pattern.DOTALL);

    private Workflows() {
    }

    /** Every workflow file, *.yml and *.yaml in .github/workflows. */
    static List<Path> workflows() {
        return files(WORKFLOWS, false);
    }

    /** Every workflow and every composite action's action.yml under .github/actions. */
    static List<Path> withActions() {
        var all = new ArrayList<>(workflows());
        files(ACTIONS, true).stream().filter(p -> p.getFileName().toString().matches("action\\.ya?ml")).forEach(all::add);
        return all;
    }

    private static List<Path> files(Path dir, boolean recursive) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches(".+\\.ya?ml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A `run:` step: where it is (file, job, 1-based step number and name), its shell and its script. */
    record RunStep(String file, String job, int number, String name, String shell, String script) {
        String where() {
            return file + ": job " + job + ", step " + number + (name.isEmpty() ? "" : " (" + name + ")");
        }

        /** The script with every `${{ ... }}` expression replaced by a plain word, as shellcheck is to read it. */
        String checkable() {
            return EXPRESSION.matcher(script).replaceAll(PLACEHOLDER);
        }
    }

    /**
     * The `run:` steps of a workflow (jobs.*.steps) or of a composite action (runs.steps, where the job is called
     * "runs"). The shell is the step's, else the job's or the workflow's defaults.run.shell, else bash (GitHub's
     * default on Linux).
     */
    static List<RunStep> runSteps(String file, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not YAML: " + e.getMessage(), e);
        }
        var steps = new ArrayList<RunStep>();
        String workflowShell = root.at("/defaults/run/shell").asText("bash");
        if (root.at("/runs/steps").isArray()) {
            addSteps(steps, file, "runs", root.at("/runs/steps"), workflowShell);
        }
        for (Map.Entry<String, JsonNode> job : root.path("jobs").properties()) {
            String jobShell = job.getValue().at("/defaults/run/shell").asText(workflowShell);
            addSteps(steps, file, job.getKey(), job.getValue().path("steps"), jobShell);
        }
        return steps;
    }

    private static void addSteps(List<RunStep> into, String file, String job, JsonNode steps, String defaultShell) {
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (step.hasNonNull("run")) {
                into.add(new RunStep(file, job, i + 1, step.path("name").asText(""),
                        step.path("shell").asText(defaultShell), step.get("run").asText()));
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return TestStacks.ROOT.relativize(file.toAbsolutePath()).toString();
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
