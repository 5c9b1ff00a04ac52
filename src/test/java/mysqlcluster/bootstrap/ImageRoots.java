package mysqlcluster.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The root filesystems of harness/image-roots.conf, built once by harness/image-root.sh and cached. */
public final class ImageRoots {
    /** A first build downloads a few hundred MB from Debian's archive. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

    private ImageRoots() {
    }

    /** Runs harness/image-root.sh NAME, which builds the root unless it is cached and prints its path last. */
    public static Path build(String name) {
        Path script = ImageStandIn.harnessFile("image-root.sh");
        Host.Result result = Host.run(List.of("bash", script.toString(), name), null, null, BUILD_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("cannot build the image root " + name + " (exit " + result.exit() + "):\n"
                    + result.err().strip());
        }
        var lines = result.out().strip().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }
}
