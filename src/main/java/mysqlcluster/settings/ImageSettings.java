package mysqlcluster.settings;

import java.util.regex.Pattern;

/**
 * {@code mysql-cluster:images}: the server image, which runs every container of a pod but the exporter and the
 * uploader (the clone tools ship in it), empty meaning the engine version's pinned default; the exporter's image; and
 * the uploader's, which moves backups and binary logs to and from the bucket.
 */
public record ImageSettings(String server, String exporter, String uploader) {
    /**
     * The official image's release the harness runs too (Debian sid's prometheus-mysqld-exporter 0.19.0). Tag, entrypoint
     * /bin/mysqld_exporter and USER nobody read in prometheus/mysqld_exporter's Dockerfile and CHANGELOG.md at tag
     * v0.19.0 (commit 464bc5de7432); the pod runs it as uid 999 instead (PodSecurity).
     */
    public static final String DEFAULT_EXPORTER = "prom/mysqld-exporter:v0.19.0";
    /**
     * The backups' one image besides the server's: rclone's official image (Alpine, busybox sh; tag pattern and
     * Dockerfile in rclone/rclone's .github/workflows/build_publish_docker_image.yml and Dockerfile at v1.75.0). The
     * uploader scripts need rclone and busybox's sh, nc, od, awk, tar and sha256sum; the harness runs Debian's rclone.
     */
    public static final String DEFAULT_UPLOADER = "rclone/rclone:1.75.0";
    public static final ImageSettings DEFAULTS = new ImageSettings(null, DEFAULT_EXPORTER, DEFAULT_UPLOADER);
    private static final Pattern SERIES = Pattern.compile(":(\\d+)\\.(\\d+)[^/@:]*$");

    void validate(String path, Problems problems) {
        if (server != null) {
            Rules.pinnedImage(path + ".server", server, problems);
        }
        Rules.pinnedImage(path + ".exporter", exporter, problems);
        Rules.pinnedImage(path + ".uploader", uploader, problems);
    }

    /**
     * The scripts follow cluster.version (statements, clone tools), so an image whose tag names another release is
     * refused; a digest or a tag without a version is taken on trust.
     */
    void validateMatch(String path, String versionKey, EngineVersion version, Problems problems) {
        String imageSeries = series(serverImage(version));
        if (imageSeries == null || imageSeries.equals(version.series())) {
            return;
        }
        problems.add(path + ".server", Rules.quote(server) + " is release " + imageSeries + " but " + versionKey
                + " is " + version.series() + "; set " + versionKey + " to the image's release (one of "
                + String.join(", ", EngineVersion.seriesOf(version.engine())) + ") or use a " + version.series()
                + " image");
    }

    /** major.minor of an image tag such as 9.7.0 or 11.8.5-noble; null for a digest or a non-version tag. */
    static String series(String image) {
        var m = SERIES.matcher(image);
        return m.find() ? m.group(1) + "." + m.group(2) : null;
    }

    public String serverImage(EngineVersion version) {
        return server != null ? server : version.defaultImage();
    }
}
