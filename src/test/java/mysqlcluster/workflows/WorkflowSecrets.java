package mysqlcluster.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which secrets each workflow job reads, from which GitHub environment, and whether a pull request's code reaches
 * the job; checked against the documented table of environments (docs/pull-requests.md, "Who can reach what"). A
 * job that a pull request reaches runs code anyone who can push a branch controls: it may only use environments open
 * to all branches, and a job that reads a secret must name an environment, whose secrets only it gets.
 */
final class WorkflowSecrets {
    private static final Pattern SECRET = Pattern.compile("secrets\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DYNAMIC_SECRET = Pattern.compile("secrets\\s*\\[");
    private static final Pattern CELL_NAME = Pattern.compile("`([A-Za-z0-9_-]+)`");
    private static final Pattern MATRIX_REFERENCE = Pattern.compile("\\$\\{\\{\\s*matrix\\.([A-Za-z0-9_-]+)\\s*}}");
    private static final Set<String> PULL_REQUEST_EVENTS = Set.of("pull_request", "pull_request_target");

    /** A row of the environments table: its environments, whether any branch may use them, the secrets they hold. */
    record Environment(String name, boolean allBranches, Set<String> secrets) {
    }

    /** A job: its file and id, the environments it names, the secrets it reads, and what its steps run. */
    record Job(String file, String id, List<String> environments, Set<String> secrets, boolean dynamicSecrets,
               List<String> pulumiCommands, JsonNode node) {
        String where() {
            return file + " job " + id;
        }
    }

    private WorkflowSecrets() {
    }

    /** The environments of the table between the page's markers, by name. */
    static Map<String, Environment> documentedTable(String page, String start, String end) {
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("no table between " + start + " and " + end);
        }
        var environments = new LinkedHashMap<String, Environment>();
        for (String line : page.substring(from, to).lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            boolean allBranches = cells[2].strip().equals("all");
            var secrets = new TreeSet<String>();
            Matcher m = CELL_NAME.matcher(cells[4]);
            while (m.find()) {
                if (m.group(1).matches("[A-Z0-9_]+")) {
                    secrets.add(m.group(1));
                }
            }
            Matcher names = CELL_NAME.matcher(cells[0]);
            while (names.find()) {
                environments.put(names.group(1), new Environment(names.group(1), allBranches, secrets));
            }
        }
        return environments;
    }

    /** What breaks the rules in the workflows (file name to YAML text), by file name, given the documented table. */
    static List<String> problems(Map<String, String> workflows, Map<String, Environment> table) {
        var problems = new ArrayList<String>();
        var roots = new LinkedHashMap<String, JsonNode>();
        new TreeMap<>(workflows).forEach((file, text) -> roots.put(file, parse(file, text)));
        var jobs = new ArrayList<Job>();
        roots.forEach((file, root) -> root.path("jobs").properties()
                .forEach(e -> jobs.add(job(file, e.getKey(), e.getValue()))));

        roots.forEach((file, root) -> {
            if (!secretsIn(root.path("env")).isEmpty() || DYNAMIC_SECRET.matcher(root.path("env").toString()).find()) {
                problems.add(file + ": its env reads secrets, which every job gets, with or without an environment");
            }
        });
        var used = new TreeSet<String>();
        for (Job job : jobs) {
            if (job.node().path("secrets").asText().equals("inherit")) {
                problems.add(job.where() + " passes every repository secret on (secrets: inherit)");
            }
            if (job.dynamicSecrets()) {
                problems.add(job.where() + " reads a secret by a computed name (secrets[...]): name it");
            }
            if ((!job.secrets().isEmpty() || job.dynamicSecrets()) && job.environments().isEmpty()) {
                problems.add(job.where() + " reads " + job.secrets() + " without an environment");
            }
            boolean pullRequests = reachedByPullRequests(job.file(), roots, jobs, new LinkedHashSet<>());
            for (String name : job.environments()) {
                used.add(name);
                Environment environment = table.get(name);
                if (environment == null) {
                    problems.add(job.where() + " uses the environment " + name
                            + ", which the environments table lacks");
                    continue;
                }
                var extra = new TreeSet<>(job.secrets());
                extra.removeAll(environment.secrets());
                if (!extra.isEmpty()) {
                    problems.add(job.where() + " reads " + extra + ", which the table's " + name + " does not hold");
                }
                if (pullRequests && !environment.allBranches()) {
                    problems.add(job.where() + " runs for pull requests but uses " + name + ", which only main may use");
                }
                if (environment.allBranches() && job.pulumiCommands().stream().anyMatch(c -> !c.equals("preview"))) {
                    problems.add(job.where() + " runs pulumi " + job.pulumiCommands() + " with " + name
                            + ", which any branch may use: only previews run there");
                }
            }
        }
        var unused = new TreeSet<>(table.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            problems.add("the environments table lists environments no job uses: " + unused);
        }
        return problems;
    }

    private static Job job(String file, String id, JsonNode node) {
        var environments = new ArrayList<String>();
        JsonNode environment = node.path("environment");
        String name = environment.isObject() ? environment.path("name").asText("") : environment.asText("");
        if (!name.isEmpty()) {
            environments.addAll(expand(name, node.at("/strategy/matrix")));
        }
        var commands = new ArrayList<String>();
        for (JsonNode step : node.path("steps")) {
            if (step.path("uses").asText().startsWith("pulumi/actions@") && step.at("/with/command").isTextual()) {
                commands.add(step.at("/with/command").asText());
            }
        }
        return new Job(file, id, environments, secretsIn(node), DYNAMIC_SECRET.matcher(node.toString()).find(),
                commands, node);
    }

    /** NAME with each ${{ matrix.X }} replaced by each of the matrix's values for X. */
    private static List<String> expand(String name, JsonNode matrix) {
        Matcher m = MATRIX_REFERENCE.matcher(name);
        if (!m.find()) {
            return List.of(name);
        }
        var names = new ArrayList<String>();
        for (JsonNode value : matrix.path(m.group(1))) {
            names.addAll(expand(name.substring(0, m.start()) + value.asText() + name.substring(m.end()), matrix));
        }
        return names;
    }

    private static Set<String> secretsIn(JsonNode node) {
        var names = new TreeSet<String>();
        Matcher m = SECRET.matcher(node.toString());
        while (m.find()) {
            if (!m.group(1).equals("GITHUB_TOKEN")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * Whether a pull request runs FILE's jobs: it triggers on one, or it is called by a job a pull request reaches
     * whose `if` does not limit it to pushes to main.
     */
    private static boolean reachedByPullRequests(String file, Map<String, JsonNode> roots, List<Job> jobs,
                                                 Set<String> seen) {
        if (!seen.add(file)) {
            return false;
        }
        JsonNode on = roots.get(file).has("on") ? roots.get(file).get("on") : roots.get(file).path("true");
        var events = new TreeSet<String>();
        if (on.isTextual()) {
            events.add(on.asText());
        } else if (on.isArray()) {
            on.forEach(e -> events.add(e.asText()));
        } else {
            on.fieldNames().forEachRemaining(events::add);
        }
        if (events.stream().anyMatch(PULL_REQUEST_EVENTS::contains)) {
            return true;
        }
        for (Job caller : jobs) {
            if (caller.node().path("uses").asText().equals("./.github/workflows/" + file)
                    && !onlyOnPushesToMain(caller.node().path("if").asText())
                    && reachedByPullRequests(caller.file(), roots, jobs, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlyOnPushesToMain(String condition) {
        String c = condition.replaceAll("\\s+", " ");
        return c.contains("github.event_name == 'push'") && c.contains("github.ref == 'refs/heads/main'")
                && !c.contains("||");
    }

    private static JsonNode parse(String file, String text) {
        try {
            return Workflows.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not YAML", e);
        }
    }
}
