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
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as docs/render.md runs it: render and diff work from the shaded jar (with the libraries it shades),
 * and a bad stack exits non-zero.
 */
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
            long withoutSecrets = TestStacks.run(stack).manifests().stream()
                    .filter(m -> !"Secret".equals(m.get("kind"))).count();
            assertEquals(withoutSecrets, RenderCommandTest.documents(run.out()).size(), stack);
        }
    }

    @Test
    void theShadedJarDiffsTwoRenders(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.yaml");
        Path after = dir.resolve("after.yaml");
        String prod = java("render", "--stack", "prod").out();
        assertTrue(prod.contains("storage: 200Gi"));
        Files.writeString(before, prod);
        Files.writeString(after, prod.replace("storage: 200Gi", "storage: 300Gi"));
        Run same = java("diff", before.toString(), before.toString());
        assertEquals(0, same.code(), same.err());
        assertEquals("No changes.", same.out().strip());
        Run changed = java("diff", before.toString(), after.toString());
        assertEquals(0, changed.code(), changed.err());
        // the claim template and the backup job's volume, both as large as a data volume
        assertTrue(changed.out().startsWith("2 changed, 0 added, 0 removed"), changed.out());
        assertTrue(changed.out().contains("#### StatefulSet mysql-prod/mysql") && changed.out().contains(
                "#### CronJob mysql-prod/mysql-backup"), changed.out());
        assertTrue(changed.out().contains("-          storage: 200Gi\n+          storage: 300Gi"), changed.out());
    }

    @Test
    void aBadStackExitsNonZeroWithNothingOnStdout() throws Exception {
        Run run = java("render", "--stack", "nope");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("render: no stack \"nope\""), run.err());
    }
}
