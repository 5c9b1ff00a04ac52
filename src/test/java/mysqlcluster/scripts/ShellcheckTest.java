package mysqlcluster.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;

/** Every shell script the project ships or tests with passes shellcheck (including the files it sources). */
class ShellcheckTest {
    static final Path SCRIPTS = TestStacks.ROOT.resolve("src/main/resources/scripts");

    static List<Path> scripts() throws IOException {
        var all = new ArrayList<Path>();
        for (Path dir : List.of(SCRIPTS, TestStacks.ROOT.resolve("src/test/resources"), TestStacks.ROOT.resolve(".ci"),
                TestStacks.ROOT.resolve(".github"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(p -> p.toString().endsWith(".sh") || p.getFileName().toString().equals("run"))
                            .sorted().forEach(all::add);
                }
            }
        }
        return all;
    }

    @Test
    void everyScriptIsShellcheckClean() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed (CI installs it)");
        List<Path> scripts = scripts();
        assertFalse(scripts.isEmpty());
        var command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--severity=style"));
        scripts.forEach(p -> command.add(p.toString()));
        Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
