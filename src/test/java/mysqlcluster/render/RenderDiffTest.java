package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mysqlcluster.TestStacks;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;
import mysqlcluster.settings.StackFile;
import org.junit.jupiter.api.Test;

class RenderDiffTest {
    /** A stack's settings with one piece of its stack file's text replaced. */
    static Settings stackWith(String stack, String from, String to) throws Exception {
        Path file = TestStacks.named(stack);
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        return Settings.read(StackFile.parse(text.replace(from, to), file));
    }

    static String label(Map<String, Object> manifest) {
        @SuppressWarnings("unchecked")
        var metadata = (Map<String, Object>) manifest.get("metadata");
        Object namespace = metadata.get("namespace");
        return manifest.get("kind") + " " + (namespace == null ? "" : namespace + "/") + metadata.get("name");
    }

    /** The lines of the fenced block that follows a heading. */
    static List<String> blockAfter(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertTrue(start >= 0, "no heading " + heading + " in\n" + markdown);
        int open = markdown.indexOf("```", start);
        int body = markdown.indexOf('\n', open) + 1;
        return markdown.substring(body, markdown.indexOf("\n```", body)).lines().toList();
    }

    static boolean hasLine(List<String> lines, String prefix, String... parts) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix) && List.of(parts).stream().allMatch(l::contains));
    }

    static Map<String, Object> configMap(String name, String script) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", "mysql-prod"),
                "data", Map.of("my.cnf", "[mysqld]\nskip-name-resolve\n", "init.sh", script));
    }

    @Test
    void aBiggerVolumeChangesTheStatefulSetAlone() throws Exception {
        var before = Renderer.render(TestStacks.settings("prod"), SecretValues.redacted());
        var after = Renderer.render(stackWith("prod", "volumeSize: 200Gi", "volumeSize: 300Gi"), SecretValues.redacted());
        assertEquals(before.size(), after.size());
        List<Integer> changedIndexes = IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(after.get(i))).boxed().toList();

        String markdown = RenderDiff.markdown(before, after);

        assertEquals(changedIndexes.size() + " changed, 0 added, 0 removed, " + (before.size() - changedIndexes.size())
                + " unchanged", markdown.lines().findFirst().orElseThrow());
        assertTrue(changedIndexes.stream().anyMatch(i -> before.get(i).get("kind").equals("StatefulSet")));
        List<String> block = blockAfter(markdown, "#### StatefulSet mysql-prod/mysql\n");
        assertTrue(hasLine(block, "-", "200Gi") && !hasLine(block, "-", "300Gi"), String.join("\n", block));
        assertTrue(hasLine(block, "+", "300Gi") && !hasLine(block, "+", "200Gi"), String.join("\n", block));
        assertTrue(block.get(0).startsWith("---") && block.get(1).startsWith("+++") && block.get(2).startsWith("@@"));
        for (int i = 0; i < before.size(); i++) {
            boolean hasHeading = markdown.contains("#### " + label(before.get(i)) + "\n");
            assertEquals(changedIndexes.contains(i), hasHeading, label(before.get(i)));
        }
    }

    @Test
    void identicalRendersHaveNoChanges() {
        var run = Renderer.render(TestStacks.settings("prod"), SecretValues.redacted());
        assertEquals("No changes.\n", RenderDiff.markdown(run, Renderer.render(TestStacks.settings("prod"),
                SecretValues.redacted())));
    }

    @Test
    void objectsOnOneSideAreAddedOrRemoved() {
        var before = Renderer.render(TestStacks.settings("prod"), SecretValues.redacted());
        var after = new ArrayList<>(before);
        Map<String, Object> pdb = after.stream().filter(m -> m.get("kind").equals("PodDisruptionBudget")).findFirst()
                .orElseThrow();
        after.remove(pdb);
        after.add(configMap("extra", "echo extra-script-line\n"));

        String markdown = RenderDiff.markdown(before, after);

        assertEquals("0 changed, 1 added, 1 removed, " + (before.size() - 1) + " unchanged",
                markdown.lines().findFirst().orElseThrow());
        String added = markdown.substring(markdown.indexOf("Added"));
        assertTrue(added.lines().findFirst().orElseThrow().contains("ConfigMap mysql-prod/extra"), markdown);
        String details = added.substring(added.indexOf("<details>"), added.indexOf("</details>"));
        assertTrue(details.contains("echo extra-script-line"), "the added object's YAML is folded away: " + details);
        assertTrue(markdown.lines().anyMatch(l -> l.startsWith("#") && l.contains("Removed")
                && l.contains(label(pdb))), markdown);
    }

    @Test
    void aContentNamedConfigMapRenamedIsOneObjectWithADiff() {
        var before = List.of(configMap("mysql-0123abcdef", "set -eu\nstart_server\necho one\nwait_for_server\nexit 0\n"));
        var after = List.of(configMap("mysql-fedcba9876", "set -eu\nstart_server\necho two\nwait_for_server\nexit 0\n"));

        String markdown = RenderDiff.markdown(before, after);

        assertEquals("1 changed, 0 added, 0 removed, 0 unchanged", markdown.lines().findFirst().orElseThrow());
        List<String> headings = markdown.lines().filter(l -> l.startsWith("#")).toList();
        assertEquals(1, headings.size(), markdown);
        assertTrue(headings.get(0).contains("renamed from mysql-0123abcdef to mysql-fedcba9876"), headings.get(0));
        List<String> block = blockAfter(markdown, headings.get(0));
        assertTrue(hasLine(block, "-", "echo one") && hasLine(block, "+", "echo two"), String.join("\n", block));
        assertFalse(hasLine(block, "-", "start_server") || hasLine(block, "+", "start_server"), "unchanged lines are context");
    }

    @Test
    void aRenameIsOnlyPairedWhenItIsUnambiguous() {
        var before = List.of(configMap("mysql-0123abcdef", "echo one\n"));
        var after = List.of(configMap("mysql-fedcba9876", "echo two\n"), configMap("mysql-abcdef0123", "echo three\n"));

        String markdown = RenderDiff.markdown(before, after);

        assertEquals("0 changed, 2 added, 1 removed, 0 unchanged", markdown.lines().findFirst().orElseThrow());
        assertFalse(markdown.contains("renamed"), markdown);
    }

    @Test
    void secretValuesNeverAppearButAChangedKeyIsNamed() {
        String rootBefore = "root-Before-7f3a9";
        String rootAfter = "root-After-c41d2";
        var before = Renderer.render(TestStacks.settings("dev"), passwords(rootBefore));
        var after = Renderer.render(TestStacks.settings("dev"), passwords(rootAfter));

        String markdown = RenderDiff.markdown(before, after);

        for (String value : List.of(rootBefore, rootAfter, "repl-Same-91b", "backup-Same-0e7", "app-Same-5d2")) {
            assertFalse(markdown.contains(value), value + " in\n" + markdown);
        }
        assertTrue(markdown.startsWith("1 changed, "), markdown);
        List<String> block = blockAfter(markdown, "#### Secret mysql-dev/mysql-credentials\n");
        assertTrue(hasLine(block, "+", "root-password", "changed"), String.join("\n", block));
        for (String unchanged : List.of("replication-password", "backup-password", "app-password")) {
            assertFalse(hasLine(block, "+", unchanged) || hasLine(block, "-", unchanged), unchanged);
            assertFalse(block.stream().anyMatch(l -> l.contains(unchanged) && l.contains("changed")), unchanged);
        }
    }

    @Test
    void aSecretOnOneSideIsHiddenToo() {
        var after = new ArrayList<>(Renderer.render(TestStacks.settings("dev"), passwords("root-Only-After-99")));
        var before = after.stream().filter(m -> !m.get("kind").equals("Secret")).toList();
        String encoded = "c2VjcmV0LWluLWRhdGE="; // base64 of "secret-in-data"
        after.add(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "token", "namespace", "mysql-dev"), "data", Map.of("token", encoded)));

        String added = RenderDiff.markdown(before, after);
        String removed = RenderDiff.markdown(after, before);

        assertTrue(added.startsWith("0 changed, 2 added, 0 removed, "), added);
        for (String value : List.of("root-Only-After-99", "repl-Same-91b", "backup-Same-0e7", "app-Same-5d2", encoded,
                "secret-in-data")) {
            assertFalse(added.contains(value) || removed.contains(value), value);
        }
        assertTrue(added.contains("root-password") && added.contains("token:"), "keys are shown, not values: " + added);
    }

    @Test
    void aLongDiffIsCutToFitAComment() {
        var before = List.of(configMap("small", "echo small one\n"), configMap("big-a", longScript("echo")),
                configMap("big-b", longScript("echo")));
        var after = List.of(configMap("small", "echo small two\n"), configMap("big-a", longScript("printf")),
                configMap("big-b", longScript("printf")));

        String markdown = RenderDiff.markdown(before, after);

        assertTrue(markdown.length() <= 65536, "fits a comment: " + markdown.length());
        assertTrue(markdown.startsWith("3 changed, "), markdown.substring(0, 100));
        List<String> lines = markdown.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("truncated") && last.contains("java -jar target/mysql-cluster.jar diff"), last);
        assertEquals(0, lines.stream().filter(l -> l.startsWith("```")).count() % 2, "every block is closed");
        List<String> small = blockAfter(markdown, "#### ConfigMap mysql-prod/small\n");
        assertTrue(hasLine(small, "-", "echo small one") && hasLine(small, "+", "echo small two"), "a short diff stays whole");
        for (String big : List.of("big-a", "big-b")) {
            List<String> block = blockAfter(markdown, "#### ConfigMap mysql-prod/" + big + "\n");
            assertTrue(hasLine(block, "+", "printf line 0 "), big + " keeps its start");
            assertFalse(hasLine(block, "+", "printf line 3990 "), big + " is cut");
        }
    }

    /** 4000 lines, every tenth of them starting with {@code command}: a diff of 400 hunks. */
    static String longScript(String command) {
        var script = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            script.append(i % 10 == 0 ? command : "echo").append(" line ").append(i).append(" of a long script\n");
        }
        return script.toString();
    }

    static SecretValues passwords(String root) {
        return new SecretValues(Map.of(Password.ROOT, root, Password.REPLICATION, "repl-Same-91b",
                Password.BACKUP, "backup-Same-0e7", Password.APP, "app-Same-5d2"));
    }
}
