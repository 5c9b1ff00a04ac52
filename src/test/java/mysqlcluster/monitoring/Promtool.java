package mysqlcluster.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mysqlcluster.CiRequirement;
import mysqlcluster.bootstrap.Host;
import mysqlcluster.bootstrap.ImageRoots;

/**
 * Debian's promtool, run offline in the image root prometheus-3.5 (harness/image-roots.conf) with chroot: each call
 * copies its files into a directory of its own under the root's /tmp, runs promtool on them there and removes it.
 * Without root (chroot, and the root's build) it cannot run: skipped with the reason, or failed in CI.
 */
final class Promtool {
    static final String IMAGE_ROOT = "prometheus-3.5";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static Path builtRoot;

    /** What promtool said: its exit code and its output (stdout, then stderr). */
    record Run(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final Path root;

    private Promtool(Path root) {
        this.root = root;
    }

    /** promtool in its image root, built on first use; skips or fails (CI) the calling test when it cannot run. */
    static synchronized Promtool inImageRoot() {
        if (builtRoot == null) {
            if (!Host.isRoot() || !Host.onPath("chroot")) {
                CiRequirement.unmet("promtool on the alert rules", "promtool runs with chroot in the image root "
                        + IMAGE_ROOT + ", which needs root (run the tests as root; .ci/run does)");
            }
            try {
                builtRoot = ImageRoots.build(IMAGE_ROOT);
            } catch (IllegalStateException e) {
                CiRequirement.unmet("promtool on the alert rules", e.getMessage()
                        + "\n(bash src/test/resources/harness/image-root.sh " + IMAGE_ROOT + " builds it: root, mmdebstrap"
                        + " and Debian's archive)");
            }
        }
        return new Promtool(builtRoot);
    }

    /** promtool check rules, with every lint fatal. */
    Run checkRules(Path rules) {
        return run(List.of(rules), dir -> List.of("check", "rules", "--lint=all", "--lint-fatal", inRoot(dir, rules)));
    }

    /** promtool test rules on a unit-test file, beside the rule file it names. */
    Run testRules(Path tests, Path rules) {
        return run(List.of(tests, rules), dir -> List.of("test", "rules", inRoot(dir, tests)));
    }

    private interface Arguments {
        List<String> in(Path stagingDir);
    }

    private Run run(List<Path> files, Arguments arguments) {
        Path dir;
        try {
            dir = Files.createTempDirectory(root.resolve("tmp"), "promtool-");
            for (Path file : files) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var command = new ArrayList<>(List.of("chroot", root.toString(), "promtool"));
            command.addAll(arguments.in(dir));
            Host.Result result = Host.run(command, null, null, TIMEOUT);
            return new Run(result.exit(), (result.out() + result.err()).strip());
        } finally {
            delete(dir);
        }
    }

    /** The path of a staged file as promtool sees it inside the root. */
    private String inRoot(Path stagingDir, Path file) {
        return "/" + root.relativize(stagingDir.resolve(file.getFileName().toString()));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
