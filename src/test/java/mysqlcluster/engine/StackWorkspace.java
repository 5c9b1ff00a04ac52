package mysqlcluster.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.TestStacks;
import mysqlcluster.bootstrap.Host;

/**
 * A copy of the project as a user checks it out, for one stack: Pulumi.yaml, the stack files (Pulumi.dev.yaml and
 * stacks/), the built jar at target/mysql-cluster.jar, a file backend and a Pulumi home of its own, inside the
 * control plane's run directory. The repository itself is never written to (stack init writes a salt into a stack
 * file).
 */
public final class StackWorkspace {
    /** The dev stack's committed passphrase (Pulumi.dev.yaml's secrets); the other stacks get the test's own. */
    static final String DEV_PASSPHRASE = "mysql-cluster-dev";
    static final String TEST_PASSPHRASE = "engine-suite-passphrase";

    private final String stack;
    private final Path dir;
    private final PulumiCli pulumi;

    private StackWorkspace(String stack, Path dir, Path kubeconfig) {
        this.stack = stack;
        this.dir = dir;
        this.pulumi = new PulumiCli(dir, dir.resolve(".pulumi-home"), kubeconfig,
                stack.equals("dev") ? DEV_PASSPHRASE : TEST_PASSPHRASE);
    }

    /** A fresh copy of the project for STACK, logged in to its own file backend. */
    public static StackWorkspace create(ControlPlane plane, String stack) {
        Path dir = plane.directory().resolve("workspace-" + stack);
        Path root = TestStacks.ROOT;
        Path jar = root.resolve("target/mysql-cluster.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": the suite runs the packaged jar (mvn verify builds it)");
        }
        try {
            Files.createDirectories(dir.resolve("stacks"));
            Files.createDirectories(dir.resolve("target"));
            Files.copy(root.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
            Files.copy(root.resolve("Pulumi.dev.yaml"), dir.resolve("Pulumi.dev.yaml"));
            try (var files = Files.list(root.resolve("stacks"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve("stacks").resolve(f.getFileName()));
                }
            }
            Files.createSymbolicLink(dir.resolve("target/mysql-cluster.jar"), jar);
            Files.createDirectories(dir.resolve("backend"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var workspace = new StackWorkspace(stack, dir, plane.kubeconfig());
        workspace.pulumi.check("login", workspace.backendUrl());
        return workspace;
    }

    /** The workspace's own file backend, as PULUMI_BACKEND_URL would name it. */
    public String backendUrl() {
        return "file://" + dir.resolve("backend");
    }

    public PulumiCli pulumi() {
        return pulumi;
    }

    public String stack() {
        return stack;
    }

    public Path directory() {
        return dir;
    }

    /** The stack's file in the workspace: Pulumi.dev.yaml, or stacks/Pulumi.&lt;stack&gt;.yaml. */
    public Path stackFile() {
        return stack.equals("dev") ? dir.resolve("Pulumi.dev.yaml") : dir.resolve("stacks/Pulumi." + stack + ".yaml");
    }

    /** The arguments that select the stack and its config file, as docs/stacks.md gives them. */
    public List<String> stackArgs() {
        var args = new ArrayList<>(List.of("--stack", stack));
        if (!stack.equals("dev")) {
            args.addAll(List.of("--config-file", dir.relativize(stackFile()).toString()));
        }
        return args;
    }

    /** pulumi COMMAND... with the stack's arguments after it. */
    public Host.Result run(String... command) {
        var args = new ArrayList<>(List.of(command));
        args.addAll(stackArgs());
        return pulumi.run(args.toArray(String[]::new));
    }

    /** Like run, failing with the output unless the command succeeded. */
    public String check(String... command) {
        var args = new ArrayList<>(List.of(command));
        args.addAll(stackArgs());
        return pulumi.check(args.toArray(String[]::new));
    }

    /** `java -jar target/mysql-cluster.jar render --stack STACK`: the objects as the program declares them. */
    public String render() {
        var result = Host.run(List.of("java", "-jar", "target/mysql-cluster.jar", "render", "--stack", stack), null,
                null, Duration.ofMinutes(2), dir);
        return result.check().out();
    }
}
