package mysqlcluster.settings;

/** {@code mysql-cluster:images}: container images; empty means the engine's pinned default. */
public record ImageSettings(String server, String backup) {
    public static final ImageSettings DEFAULTS = new ImageSettings(null, null);

    void validate(String path, Problems problems) {
        if (server != null) {
            Rules.pinnedImage(path + ".server", server, problems);
        }
        if (backup != null) {
            Rules.pinnedImage(path + ".backup", backup, problems);
        }
    }

    /**
     * XtraBackup can back up only the MySQL series it was built for (8.4 for 8.4): when both tags name versions,
     * their major.minor must agree. mariadb-backup ships with the server, so the mariadb images must be one release.
     */
    void validateMatch(String path, Engine engine, Problems problems) {
        String serverVersion = series(serverImage(engine));
        String backupVersion = series(backupImage(engine));
        if (serverVersion == null || backupVersion == null || serverVersion.equals(backupVersion)) {
            return;
        }
        problems.add(path + ".backup", Rules.quote(backupImage(engine)) + " is release " + backupVersion
                + " but the server " + Rules.quote(serverImage(engine)) + " is " + serverVersion
                + "; the backup tool must match the server's release");
    }

    /** major.minor of an image tag such as 8.4.10 or 8.4.0-6.1; null for a digest or a non-version tag. */
    static String series(String image) {
        var m = java.util.regex.Pattern.compile(":(\\d+)\\.(\\d+)[^/@:]*$").matcher(image);
        return m.find() ? m.group(1) + "." + m.group(2) : null;
    }

    public String serverImage(Engine engine) {
        return server != null ? server : engine.defaultServerImage();
    }

    public String backupImage(Engine engine) {
        return backup != null ? backup : engine.defaultBackupImage();
    }
}
