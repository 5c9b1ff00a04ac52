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

    public String serverImage(Engine engine) {
        return server != null ? server : engine.defaultServerImage();
    }

    public String backupImage(Engine engine) {
        return backup != null ? backup : engine.defaultBackupImage();
    }
}
