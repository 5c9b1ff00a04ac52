package mysqlcluster.settings;

/** {@code mysql-cluster:resources}: the database server, and the sidecar and init steps that clone and stream backups. */
public record ResourceSettings(ContainerResources server, ContainerResources sidecar) {
    public static final ResourceSettings DEFAULTS = new ResourceSettings(
            new ContainerResources("500m", "1Gi", "1Gi"),
            new ContainerResources("100m", "256Mi", "512Mi"));

    void validate(String path, Problems problems) {
        server.validate(path + ".server", problems);
        sidecar.validate(path + ".sidecar", problems);
    }
}
