package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    static RenderCommandTest.Result diff(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = DiffCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new RenderCommandTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Renders prod as `render` does, from a project root, both as one stream file and as a directory. */
    static Path[] renderProd(Path root, Path work, String name) throws Exception {
        Path stream = work.resolve(name + ".yaml");
        Path dir = work.resolve(name);
        var printed = RenderCommandTest.render(root, Map.of(), "--stack", "prod");
        assertEquals(0, printed.code(), printed.err());
        Files.writeString(stream, printed.out());
        assertEquals(0, RenderCommandTest.render(root, Map.of(), "--stack", "prod", "--out", dir.toString()).code());
        return new Path[] {stream, dir};
    }

    @Test
    void directoriesAndStreamsGiveTheSameMarkdown(@TempDir Path work) throws Exception {
        Path changedRoot = work.resolve("changed");
        Files.createDirectories(changedRoot.resolve("stacks"));
        Files.writeString(changedRoot.resolve("stacks/Pulumi.prod.yaml"), Files.readString(TestStacks.named("prod"))
                .replace("volumeSize: 200Gi", "volumeSize: 300Gi"));
        Path[] before = renderProd(TestStacks.ROOT, work, "before");
        Path[] after = renderProd(changedRoot, work, "after");

        var fromStreams = diff(before[0].toString(), after[0].toString());
        var fromDirs = diff(before[1].toString(), after[1].toString());
        var mixed = diff(before[1].toString(), after[0].toString());

        assertEquals(0, fromStreams.code(), fromStreams.err());
        assertEquals("", fromStreams.err());
        assertTrue(fromStreams.out().contains("300Gi"), fromStreams.out());
        assertEquals(fromStreams, fromDirs);
        assertEquals(fromStreams, mixed);
        assertEquals(new RenderCommandTest.Result(0, "No changes.\n", ""), diff(before[0].toString(), before[1].toString()));
    }

    @Test
    void aMissingInputIsAnErrorNamingItWithNothingOnStdout(@TempDir Path work) throws Exception {
        Path present = work.resolve("present.yaml");
        Files.writeString(present, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mysql\n");
        Path missing = work.resolve("missing.yaml");

        for (var result : List.of(diff(missing.toString(), present.toString()), diff(present.toString(), missing.toString()))) {
            assertEquals(2, result.code());
            assertEquals("", result.out());
            assertTrue(result.err().startsWith("diff: ") && result.err().contains(missing.toString()), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
        }
    }

    @Test
    void invalidInputIsAnErrorNamingTheFile(@TempDir Path work) throws Exception {
        Path good = work.resolve("good.yaml");
        Files.writeString(good, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mysql\n");
        Path notYaml = work.resolve("broken.yaml");
        Files.writeString(notYaml, "kind: [Namespace\n");
        Path notAnObject = work.resolve("list.yaml");
        Files.writeString(notAnObject, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n- just a list\n");
        Path empty = work.resolve("empty.yaml");
        Files.writeString(empty, "");

        for (Path bad : List.of(notYaml, notAnObject, empty)) {
            var result = diff(good.toString(), bad.toString());
            assertEquals(2, result.code(), result.err());
            assertEquals("", result.out());
            assertTrue(result.err().startsWith("diff: " + bad), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
        }
    }

    @Test
    void aWrongNumberOfArgumentsPrintsTheUsage() {
        for (var args : List.of(new String[0], new String[] {"one.yaml"}, new String[] {"a", "b", "c"})) {
            var result = diff(args);
            assertEquals(2, result.code());
            assertEquals("", result.out());
            assertTrue(result.err().startsWith("diff: ") && result.err().endsWith(DiffCommand.USAGE + "\n"), result.err());
        }
        var unknown = diff("--colour", "a", "b");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("diff: unknown argument \"--colour\""), unknown.err());
    }
}
