package mysqlcluster.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the harness runs for an official server image: a root filesystem of Debian's packages of the same engine and
 * release series (harness/image-root.sh, built once and cached), the stand-in for the image's entrypoint, the image's
 * default command and its command-line client. Derived from the image reference in the manifests.
 *
 * @param name      the stand-in's name in harness/image-roots.conf, e.g. mysql-9.7
 * @param root      the root filesystem
 * @param engine    the image's repository: mysql or mariadb
 * @param command   the image's CMD (the server)
 * @param client    the command-line client in the image
 */
public record ImageStandIn(String name, Path root, String engine, String command, String client) {
    /** Where the official images have their entrypoint (on PATH as docker-entrypoint.sh). */
    static final String ENTRYPOINT = "/usr/local/bin/docker-entrypoint.sh";
    private static final Pattern IMAGE = Pattern.compile("(?:.*/)?(mysql|mariadb):(\\d+\\.\\d+)[^/@]*(?:@.*)?");
    private static final Map<String, String> COMMANDS = Map.of("mysql", "mysqld", "mariadb", "mariadbd");
    private static final Map<String, ImageStandIn> BUILT = new ConcurrentHashMap<>();

    /** The stand-in for an image such as mysql:9.7.0 or mariadb:11.8.5; builds its root on first use. */
    public static ImageStandIn forImage(String image) {
        var m = image == null ? null : IMAGE.matcher(image);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("no stand-in for image " + image
                    + ": the harness runs the official mysql and mariadb images, named <repository>:<major>.<minor>...");
        }
        String name = m.group(1) + "-" + m.group(2);
        return BUILT.computeIfAbsent(name, n -> new ImageStandIn(n, ImageRoots.build(n), m.group(1),
                COMMANDS.get(m.group(1)), m.group(1)));
    }

    /** The entrypoint stand-in's file under src/test/resources/harness. */
    String entrypointResource() {
        return "entrypoint-" + engine + ".sh";
    }

    /** A file of src/test/resources/harness, as a path (the scripts read their neighbours). */
    static Path harnessFile(String name) {
        var url = ImageStandIn.class.getResource("/harness/" + name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("missing test resource /harness/" + name);
        }
        return Path.of(java.net.URI.create(url.toString()));
    }

    static void copyResource(String name, Path target) {
        try (InputStream in = ImageStandIn.class.getResourceAsStream("/harness/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /harness/" + name);
            }
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
