package mysqlcluster.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mysqlcluster.bootstrap.Host;

/**
 * The real `pulumi` CLI, run in a stack workspace the way a user runs it: the engine, the Java language host and the
 * Kubernetes provider built by engine/tool.sh and found on PATH (never downloaded), a file backend, no update check.
 * The kubeconfig is the one the workspace points at.
 */
public final class PulumiCli {
    static final List<String> TOOLS = List.of("pulumi", "pulumi-language-java", "pulumi-resource-kubernetes");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path workDir;
    private final Map<String, String> env;
    private final List<String> wrapper;

    PulumiCli(Path workDir, Path pulumiHome, Path kubeconfig, String passphrase) {
        this(workDir, pulumiHome, kubeconfig, passphrase, List.of());
    }

    private PulumiCli(Path workDir, Path pulumiHome, Path kubeconfig, String passphrase, List<String> wrapper) {
        this.workDir = workDir;
        this.wrapper = wrapper;
        var env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("PULUMI_"));
        String path = EngineTools.directories(TOOLS.toArray(String[]::new)).stream().map(Path::toString)
                .collect(Collectors.joining(":"));
        env.put("PATH", path + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PULUMI_HOME", pulumiHome.toString());
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        env.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
        env.put("PULUMI_CONFIG_PASSPHRASE", passphrase);
        env.put("KUBECONFIG", kubeconfig.toString());
        this.env = env;
    }

    /** pulumi ARGS in the workspace, with --non-interactive. */
    public Host.Result run(String... args) {
        var command = new ArrayList<>(wrapper);
        command.add(EngineTools.binary("pulumi", "pulumi").toString());
        command.addAll(List.of(args));
        command.add("--non-interactive");
        long start = System.nanoTime();
        var result = Host.run(command, env, null, TIMEOUT, workDir);
        System.out.printf("engine: pulumi %s: exit %d in %.1f s%n", String.join(" ", args), result.exit(),
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Like run, but fails with the command's output unless it succeeded. */
    public String check(String... args) {
        var result = run(args);
        if (!result.ok()) {
            throw new AssertionError("pulumi " + String.join(" ", args) + " failed (exit " + result.exit() + "):\n"
                    + result.out().strip() + "\n" + result.err().strip());
        }
        return result.out();
    }

    /** A bash script (-euo pipefail) in the workspace, with the CLI on PATH and its environment, as a user runs it. */
    public Host.Result shell(String script) {
        long start = System.nanoTime();
        var command = new ArrayList<>(wrapper);
        command.addAll(List.of("bash", "-euo", "pipefail", "-c", script));
        var result = Host.run(command, env, null, TIMEOUT, workDir);
        System.out.printf("engine: bash script: exit %d in %.1f s%n", result.exit(), (System.nanoTime() - start) / 1e9);
        return result;
    }

    /** The same CLI with another kubeconfig (the pull-request credentials). */
    public PulumiCli withKubeconfig(Path kubeconfig) {
        return new PulumiCli(workDir, Path.of(env.get("PULUMI_HOME")), kubeconfig, env.get("PULUMI_CONFIG_PASSPHRASE"),
                wrapper);
    }

    /**
     * The same CLI, each command run in a mount namespace of its own where DIR is mounted read-only: what a credential
     * that can only read, say, the backend's bucket allows (root ignores file modes, a read-only mount it cannot).
     */
    public PulumiCli withReadOnly(Path dir) {
        var readOnly = new ArrayList<>(wrapper);
        readOnly.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-ec",
                "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\"", dir.toString()));
        return new PulumiCli(workDir, Path.of(env.get("PULUMI_HOME")), Path.of(env.get("KUBECONFIG")),
                env.get("PULUMI_CONFIG_PASSPHRASE"), readOnly);
    }

    Path workDir() {
        return workDir;
    }
}
