package mysqlcluster.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mysqlcluster.DocPage;
import mysqlcluster.TestStacks;
import mysqlcluster.bootstrap.Host;
import mysqlcluster.engine.ControlPlane;
import mysqlcluster.engine.EnginePreconditions;
import mysqlcluster.engine.Kubectl;
import mysqlcluster.engine.PlatformPrerequisites;
import mysqlcluster.engine.PreviewSteps;
import mysqlcluster.engine.StackFileEdit;
import mysqlcluster.engine.StackSetup;
import mysqlcluster.engine.StackWorkspace;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;

/**
 * The change-impact table (docs/changes.md) against the real engine. Each row's change is made to a deployed stack
 * (prod, or dev for the passwords) the way a pull request makes it, in the stack file, and `pulumi preview --json`
 * plans it: the engine's step for each resource must be the row's. A refused row must fail the real preview and the
 * real `pulumi up` with the change guard's message, and leave every object in the API server as it was. Rows whose
 * base differs from the stack file (an older version deployed first, the Prometheus Operator off) get that base
 * deployed first. A password change is also carried out: the replaced Secret must be there afterwards with the new
 * value. The steps the engine planned are written to target/change-impact-engine.md.
 */
class ChangeImpactIT {
    private static final Map<String, PreviewSteps.Step> VERBS = Map.of(
            "updated", PreviewSteps.Step.UPDATE,
            "added", PreviewSteps.Step.CREATE,
            "removed", PreviewSteps.Step.DELETE,
            "replaced (deleted first: same name)", PreviewSteps.Step.REPLACE_DELETE_FIRST,
            "replaced (new one first, old one deleted at the end)", PreviewSteps.Step.REPLACE_CREATE_FIRST);

    @Test
    void prodAndDevChangeImpactRowsAreWhatTheEnginePlans() throws IOException {
        EnginePreconditions.require();
        Map<String, String> documented = documentedObjects();
        var disagreements = new ArrayList<String>();
        var planned = new ArrayList<String>();
        try (var plane = ControlPlane.start()) {
            PlatformPrerequisites.install(plane, "prod");
            PlatformPrerequisites.install(plane, "dev");
            var prod = StackWorkspace.create(plane, "prod");
            var dev = StackWorkspace.create(plane, "dev");
            StackSetup.initialise(prod);
            StackSetup.initialise(dev);
            dev.check("up", "--yes");
            Path prodFile = TestStacks.named("prod");

            // bases in an order the guard lets them be deployed: the older version first
            var groups = new TreeMap<String, List<ChangeCase>>();
            for (ChangeCase c : ChangeImpactTest.cases()) {
                if (c.stack().equals("prod")) {
                    String order = c.setup().isEmpty() ? "1" : c.setup().get(0).key().equals("cluster.version") ? "0" : "2";
                    groups.computeIfAbsent(order + c.setup(), k -> new ArrayList<>()).add(c);
                }
            }
            Settings deployed = null;
            for (var group : groups.values()) {
                Path base = prod.directory().resolve("stacks/Pulumi.prod.yaml");
                Path source = prodFile;
                for (ConfigEdit setup : group.get(0).setup()) {
                    StackFileEdit.write(source, base, setup.key(), setup.value());
                    source = base;
                }
                if (source == prodFile) {
                    Files.copy(prodFile, base, StandardCopyOption.REPLACE_EXISTING);
                }
                Settings next = StackFile.load(base);
                if (deployed != null && !ChangeGuard.problems(DeployedSettings.of(deployed), next).isEmpty()) {
                    // a base only a first deployment takes (a restore; a platform bucket where a claimed one was): a
                    // new stack's, beside the platform's namespace, Secret and claims only
                    prod.pulumi().check("stack", "rm", "--force", "--yes", "--stack", "prod");
                    deleteObjectsOf(plane.kubectl(), deployed);
                    prod.pulumi().check("stack", "init", "prod", "--secrets-provider", "passphrase");
                }
                prod.check("up", "--yes");
                deployed = next;
                for (ChangeCase c : group) {
                    Path changed = prod.directory().resolve("stacks/change.yaml");
                    StackFileEdit.write(base, changed, c.edit().key(), c.edit().value());
                    var args = List.of("--stack", "prod", "--config-file", "stacks/change.yaml");
                    check(c, plane.kubectl(), prod, args, documented, disagreements, planned);
                }
            }

            Path devFile = dev.directory().resolve("Pulumi.dev.yaml");
            Path saved = dev.directory().resolve("Pulumi.dev.yaml.deployed");
            Files.copy(devFile, saved);
            for (ChangeCase c : ChangeImpactTest.cases()) {
                if (c.stack().equals("dev")) {
                    dev.pulumi().check("config", "set", "--secret", "mysql-cluster:" + c.password().configKey(),
                            "a-new-value-for-" + c.password().configKey(), "--stack", "dev");
                    check(c, plane.kubectl(), dev, List.of("--stack", "dev"), documented, disagreements, planned);
                    // and for real: the replaced Secret is there afterwards, with the new value
                    dev.check("up", "--yes");
                    String key = c.password().secretKey();
                    String value = plane.kubectl().run("get", "secret/mysql-credentials", "-n", "mysql-dev", "-o",
                            "jsonpath={.data." + key + "}").out().strip();
                    if (!new String(Base64.getDecoder().decode(value)).equals("a-new-value-for-" + c.password().configKey())) {
                        disagreements.add(c.label() + ": after pulumi up the Secret's " + key + " is '" + value + "'");
                    }
                    Files.copy(saved, devFile, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path out = TestStacks.ROOT.resolve("target/change-impact-engine.md");
        Files.writeString(out, String.join("\n", planned) + "\n");
        assertEquals("", String.join("\n", disagreements),
                "the change-impact table of " + DocPage.CHANGES.file() + " differs from what the engine plans (all"
                        + " planned steps: " + out + ")");
    }

    /** Previews (and for a refusal, also runs) one row's change and records where the engine differs. */
    /** Every object a stack of these settings declared (they carry managed-by=pulumi), the claims left alone. */
    private static void deleteObjectsOf(Kubectl kubectl, Settings settings) {
        String label = "app.kubernetes.io/managed-by=pulumi";
        kubectl.check("delete", "-n", settings.cluster().namespace(), "statefulsets,cronjobs,services,configmaps,"
                + "networkpolicies,poddisruptionbudgets,objectbucketclaims.objectbucket.io", "-l", label);
        kubectl.check("delete", "-n", settings.storage().rookNamespace(), "cephblockpools.ceph.rook.io", "-l", label);
        kubectl.check("delete", "storageclasses", "-l", label);
    }

    private static void check(ChangeCase c, Kubectl kubectl, StackWorkspace stack, List<String> stackArgs,
                              Map<String, String> documented, List<String> disagreements, List<String> planned) {
        String only = System.getenv("CHANGE_IMPACT_ROWS"); // a regular expression, to rerun some rows by hand
        if (only != null && !java.util.regex.Pattern.compile(only).matcher(c.label()).find()) {
            return;
        }
        String row = documented.get(c.label());
        if (row == null) {
            disagreements.add(c.label() + ": no row in " + DocPage.CHANGES.file());
            return;
        }
        List<String> refusals = c.edit() == null ? List.of()
                : ChangeGuard.problems(DeployedSettings.of(c.before()), c.after());
        if (!refusals.isEmpty()) {
            Map<String, String> before = versions(kubectl);
            for (String command : List.of("preview", "up")) {
                var args = new ArrayList<>(List.of(command));
                if (command.equals("up")) {
                    args.addAll(List.of("--yes", "--skip-preview")); // as pulumi/actions runs it: no preview first
                }
                args.addAll(stackArgs);
                Host.Result result = stack.pulumi().run(args.toArray(String[]::new));
                String output = result.out() + result.err();
                boolean refused = result.exit() != 0 && output.contains(ChangeGuard.HEADING)
                        && refusals.stream().allMatch(output::contains);
                if (!refused) {
                    disagreements.add(c.label() + ": pulumi " + command + " was not refused with the guard's message"
                            + " (exit " + result.exit() + ")");
                }
            }
            if (!before.equals(versions(kubectl))) {
                disagreements.add(c.label() + ": the refused change altered objects in the API server");
            }
            planned.add(c.label() + " | refused");
            return;
        }
        var args = new ArrayList<>(List.of("preview", "--json", "--show-replacement-steps"));
        args.addAll(stackArgs);
        Host.Result preview = stack.pulumi().run(args.toArray(String[]::new));
        if (!preview.ok()) {
            disagreements.add(c.label() + ": pulumi preview failed (exit " + preview.exit() + "):\n" + preview.out()
                    + preview.err());
            return;
        }
        PreviewSteps steps = PreviewSteps.parse(preview.out());
        Map<PreviewSteps.Resource, PreviewSteps.Step> engine = steps.resources();
        planned.add(c.label() + " | " + engine + " | " + steps.ops().values());
        Map<PreviewSteps.Resource, PreviewSteps.Step> expected = parseObjects(row);
        if (!engine.equals(expected)) {
            disagreements.add(c.label() + ": " + DocPage.CHANGES.file() + " says " + row + "; the engine plans "
                    + engine);
        }
    }

    /** The resources column of each row of the documented table, by the row's label. */
    private static Map<String, String> documentedObjects() {
        String text = DocPage.CHANGES.text();
        String table = text.substring(text.indexOf(ChangeImpactTest.START), text.indexOf(ChangeImpactTest.END));
        var rows = new LinkedHashMap<String, String>();
        for (String line : table.lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.substring(1, line.length() - 1).split("(?<!\\\\)\\|");
            rows.put(cells[0].strip(), cells[cells.length - 1].strip());
        }
        return rows;
    }

    /** "StatefulSet mysql updated; PersistentVolumeClaimPatch data-mysql-3, data-mysql-4 added" as steps. */
    static Map<PreviewSteps.Resource, PreviewSteps.Step> parseObjects(String objects) {
        var out = new LinkedHashMap<PreviewSteps.Resource, PreviewSteps.Step>();
        if (objects.equals("none")) {
            return out;
        }
        for (String group : objects.split("; ")) {
            var verb = VERBS.keySet().stream().filter(v -> group.endsWith(" " + v)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no known step in '" + group + "'"));
            String rest = group.substring(0, group.length() - verb.length() - 1);
            String kind = rest.substring(0, rest.indexOf(' '));
            for (String name : rest.substring(kind.length() + 1).split(", ")) {
                out.put(new PreviewSteps.Resource(kind, name), VERBS.get(verb));
            }
        }
        return out;
    }

    /** The resource versions of the cluster's objects: equal before and after means nothing was written. */
    private static Map<String, String> versions(Kubectl kubectl) {
        var versions = new TreeMap<String, String>();
        JsonNode list = kubectl.get("statefulsets,configmaps,services,networkpolicies,poddisruptionbudgets,"
                + "persistentvolumeclaims,podmonitors,prometheusrules,secrets", "-n", "mysql-prod");
        JsonNode cluster = kubectl.get("storageclasses,cephblockpools.ceph.rook.io", "-A");
        for (JsonNode items : List.of(list.get("items"), cluster.get("items"))) {
            for (JsonNode item : items) {
                versions.put(item.get("kind").asText() + "/" + item.at("/metadata/name").asText(),
                        item.at("/metadata/resourceVersion").asText());
            }
        }
        return versions;
    }
}
