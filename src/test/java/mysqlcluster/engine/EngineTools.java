package mysqlcluster.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mysqlcluster.bootstrap.Host;

/**
 * The binaries of engine/tools.conf, built once from the Go module proxy by engine/tool.sh and cached per machine,
 * and the upstream files of engine/upstream.conf (CRDs, kwok's stages), read from the Go module cache by
 * engine/upstream.sh.
 */
public final class EngineTools {
    /** A cold build of Kubernetes' binaries on two cores, with the module downloads, takes up to half an hour. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(60);
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private EngineTools() {
    }

    /** The path of a binary of a tool: binary("kubernetes", "kube-apiserver"). */
    public static Path binary(String tool, String binary) {
        Path path = BUILT.computeIfAbsent(tool, EngineTools::build).resolve(binary);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("the tool " + tool + " has no binary " + binary + " in " + path.getParent());
        }
        return path;
    }

    /** The directories of the given tools, for PATH. */
    public static List<Path> directories(String... tools) {
        return java.util.Arrays.stream(tools).map(t -> BUILT.computeIfAbsent(t, EngineTools::build)).toList();
    }

    /** The files of a set of engine/upstream.conf. */
    public static List<Path> upstream(String name) {
        return lastLines(run("upstream.sh", name, Duration.ofMinutes(5))).stream().map(Path::of).toList();
    }

    /** The file of engine/ in the test resources. */
    public static Path resource(String name) {
        var url = EngineTools.class.getResource("/engine/" + name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("missing test resource /engine/" + name);
        }
        return Path.of(java.net.URI.create(url.toString()));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build(String tool) {
        var lines = lastLines(run("tool.sh", tool, BUILD_TIMEOUT));
        return Path.of(lines.get(lines.size() - 1));
    }

    private static Host.Result run(String script, String argument, Duration timeout) {
        var result = Host.run(List.of("bash", resource(script).toString(), argument), null, null, timeout);
        if (!result.ok()) {
            throw new IllegalStateException("engine/" + script + " " + argument + " failed (exit " + result.exit()
                    + "):\n" + result.err().strip());
        }
        return result;
    }

    private static List<String> lastLines(Host.Result result) {
        var lines = result.out().strip().lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException(String.join(" ", result.command()) + " printed nothing");
        }
        return lines;
    }
}
