package mysqlcluster.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mysqlcluster.TestStacks;
import org.junit.jupiter.api.Test;

/** The packaged jar, as the README runs it: render works from the shaded jar, and a bad stack exits non-zero. */
class RenderJarIT {
    static final Path JAR = TestStacks.ROOT.resolve("target/mysql-cluster.jar");

    record Run(int code, String out, String err) { }

    static Run java(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("render", ".err");
        Process p = new ProcessBuilder(command).directory(TestStacks.ROOT.toFile())
                .redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void theShadedJarRendersEveryStack() throws Exception {
        for (String stack : List.of("dev", "staging", "prod")) {
            Run run = java("render", "--stack", stack);
            assertEquals(0, run.code(), run.err());
            assertEquals(TestStacks.run(stack).manifests().size(),
                    RenderCommandTest.documents(run.out()).size(), stack);
        }
    }

    @Test
    void aBadStackExitsNonZeroWithNothingOnStdout() throws Exception {
        Run run = java("render", "--stack", "nope");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("render: no stack \"nope\""), run.err());
    }
}
