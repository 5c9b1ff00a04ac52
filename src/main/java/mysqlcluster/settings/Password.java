package mysqlcluster.settings;

/** The passwords the cluster uses: the stack config key that holds each, and the key in the Kubernetes Secret. */
public enum Password {
    ROOT("rootPassword", "root-password"),
    REPLICATION("replicationPassword", "replication-password"),
    BACKUP("backupPassword", "backup-password"),
    APP("appPassword", "app-password"),
    EXPORTER("exporterPassword", "exporter-password");

    private final String configKey;
    private final String secretKey;

    Password(String configKey, String secretKey) {
        this.configKey = configKey;
        this.secretKey = secretKey;
    }

    public String configKey() {
        return configKey;
    }

    public String secretKey() {
        return secretKey;
    }
}
