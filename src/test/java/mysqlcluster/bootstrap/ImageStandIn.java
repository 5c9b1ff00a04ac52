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
 * What the harness runs for an official image: a root filesystem of Debian's packages of the same program and
 * release series (harness/image-root.sh, built once and cached), the stand-in for the image's entrypoint, the image's
 * default command and, for a server image, its command-line client. Derived from the image reference in the
 * manifests: the server images mysql and mariadb, the exporter's prom/mysqld-exporter, and the uploader's
 * rclone/rclone.
 *
 * @param name       the stand-in's name in harness/image-roots.conf, e.g. mysql-9.7
 * @param root       the root filesystem
 * @param engine     the image's repository: mysql, mariadb or mysqld-exporter
 * @param entrypoint where the image has its entrypoint (the stand-in is mounted there), or null for an image whose
 *                   containers all have a command
 * @param command    the image's CMD (the server), or null for an image without one
 * @param client     the command-line client in the image, or null
 */
public record ImageStandIn(String name, Path root, String engine, String entrypoint, String command, String client) {
    /** Where the official server images have their entrypoint (on PATH as docker-entrypoint.sh). */
    static final String ENTRYPOINT = "/usr/local/bin/docker-entrypoint.sh";
    /** The official exporter image's ENTRYPOINT (prometheus/mysqld_exporter's Dockerfile). */
    static final String EXPORTER_ENTRYPOINT = "/bin/mysqld_exporter";
    private static final Pattern IMAGE = Pattern.compile("(?:.*/)?(mysql|mariadb):(\\d+\\.\\d+)[^/@]*(?:@.*)?");
    private static final Pattern EXPORTER_IMAGE = Pattern.compile("(?:.*/)?(mysqld-exporter):v?(\\d+\\.\\d+)[^/@]*(?:@.*)?");
    /**
     * The uploader image, rclone/rclone (Alpine: rclone and busybox), stood in for by Debian's rclone with busybox's
     * applets first on PATH (image-root.sh), whatever its tag: the scripts use what rclone 1.60 has.
     */
    private static final Pattern UPLOADER_IMAGE = Pattern.compile("(?:.*/)?rclone/rclone:[^/]*");
    static final String UPLOADER_ROOT = "rclone-1.60";
    private static final Map<String, String> COMMANDS = Map.of("mysql", "mysqld", "mariadb", "mariadbd");
    private static final Map<String, ImageStandIn> BUILT = new ConcurrentHashMap<>();

    /**
     * The stand-in for an image such as mysql:9.7.0, mariadb:11.8.5 or prom/mysqld-exporter:v0.19.0 (root
     * mysqld-exporter-0.19); builds its root on first use.
     */
    public static ImageStandIn forImage(String image) {
        var server = image == null ? null : IMAGE.matcher(image);
        if (server != null && server.matches()) {
            String name = server.group(1) + "-" + server.group(2);
            return BUILT.computeIfAbsent(name, n -> new ImageStandIn(n, ImageRoots.build(n), server.group(1), ENTRYPOINT,
                    COMMANDS.get(server.group(1)), server.group(1)));
        }
        var exporter = image == null ? null : EXPORTER_IMAGE.matcher(image);
        if (exporter != null && exporter.matches()) {
            String name = exporter.group(1) + "-" + exporter.group(2);
            return BUILT.computeIfAbsent(name, n -> new ImageStandIn(n, ImageRoots.build(n), exporter.group(1),
                    EXPORTER_ENTRYPOINT, null, null));
        }
        if (image != null && UPLOADER_IMAGE.matcher(image).matches()) {
            // every container of it has a command: no entrypoint stand-in
            return BUILT.computeIfAbsent(UPLOADER_ROOT, n -> new ImageStandIn(n, ImageRoots.build(n), "rclone", null,
                    null, null));
        }
        throw new IllegalArgumentException("no stand-in for image " + image + ": the harness runs the official mysql"
                + " and mariadb images, named <repository>:<major>.<minor>..., prom/mysqld-exporter:v<major>.<minor>..."
                + " and rclone/rclone:<tag>");
    }

    /** The entrypoint stand-in's file under src/test/resources/harness. */
    String entrypointResource() {
        return "entrypoint-" + engine + ".sh";
    }

    /** How the container's command line names the entrypoint: the server images' is on PATH. */
    String entrypointCommand() {
        return entrypoint.equals(ENTRYPOINT) ? Path.of(ENTRYPOINT).getFileName().toString() : entrypoint;
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
