package mysqlcluster.settings;

/**
 * {@code mysql-cluster:resources}: the database server, the sidecar and init steps that clone and stream backups, and
 * the metrics exporter.
 */
public record ResourceSettings(ContainerResources server, ContainerResources sidecar, ContainerResources exporter) {
    public static final ResourceSettings DEFAULTS = new ResourceSettings(
            new ContainerResources("500m", "1Gi", "1Gi"),
            new ContainerResources("100m", "256Mi", "512Mi"),
            new ContainerResources("50m", "64Mi", "128Mi"));

    void validate(String path, Problems problems) {
        server.validate(path + ".server", problems);
        sidecar.validate(path + ".sidecar", problems);
        exporter.validate(path + ".exporter", problems);
    }
}
