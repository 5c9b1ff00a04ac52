package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command of the pods' image run as root in a short-lived container of its own (the image's root with a writable
 * layer of this call, container.sh), inside a network namespace, with that namespace's hosts file and the bind mounts
 * asked for: how the harness runs the image's client and tools itself, never the host's binaries.
 */
final class ImageCommand {
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "HOME", "/");

    private final EmulatedStatefulSet sts;
    private final Path root;
    private final String netns;
    private final List<String> binds = new ArrayList<>();
    private String user = "0\t0";

    /** A command of the pods' server image. */
    ImageCommand(EmulatedStatefulSet sts, String netns) {
        this(sts, sts.image().root(), netns);
    }

    /** A command of another image root (harness/image-roots.conf), e.g. the harness's Prometheus. */
    ImageCommand(EmulatedStatefulSet sts, Path root, String netns) {
        this.sts = sts;
        this.root = root;
        this.netns = netns;
        bind(ClusterNetwork.NETNS_ETC.resolve(netns).resolve("hosts"), "/etc/hosts", true);
    }

    /** A host directory or file at target inside the container. */
    ImageCommand bind(Path source, String target, boolean readOnly) {
        binds.add("bind\t" + source + "\t" + target + "\t" + (readOnly ? "ro" : "rw"));
        return this;
    }

    /** Runs the command as the pods' user and group (the servers refuse to run as root) instead of root. */
    ImageCommand asPodUser() {
        user = sts.uid() + "\t" + sts.gid();
        return this;
    }

    /** Runs the command to its end; stdin, when given, is written to it. */
    Host.Result run(List<String> command, String stdin, Duration timeout) {
        Path layer = layer();
        try {
            return Host.run(argv(layer, command), ENV, stdin, timeout);
        } finally {
            ClusterNetwork.deleteTree(layer);
        }
    }

    /** Starts the command (e.g. a server), its output appended to log; stop it with {@link Process#destroy()}. */
    Process start(List<String> command, Path log) {
        Path layer = layer();
        var builder = new ProcessBuilder(argv(layer, command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(ENV);
        try {
            Process process = builder.start();
            process.onExit().thenRun(() -> ClusterNetwork.deleteTree(layer));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path layer() {
        try {
            return Files.createDirectories(sts.runDirectory().resolve("commands")).resolve("call" + CALLS.incrementAndGet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec next to the layer (removed with it), then unshare and container.sh, as the kubelet runs a container. */
    private List<String> argv(Path layer, List<String> command) {
        var lines = new ArrayList<String>();
        lines.add("root\t" + root + "\t" + layer);
        lines.addAll(binds);
        lines.add("user\t" + user);
        Path spec = layer.resolve("spec");
        try {
            Files.createDirectories(layer);
            Files.writeString(spec, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var argv = new ArrayList<>(List.of("ip", "netns", "exec", netns, "unshare", "--pid", "--fork", "--kill-child",
                "--mount-proc", "--propagation", "private", "--",
                "bash", sts.imageDir().resolve("container.sh").toString(), spec.toString(), "--"));
        argv.addAll(command);
        return argv;
    }
}
