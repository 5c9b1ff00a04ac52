package mysqlcluster.settings;

/** Requests and the memory limit of one container. No CPU limit: throttling a database hurts more than it helps. */
public record ContainerResources(String cpu, String memory, String memoryLimit) {
    void validate(String path, Problems problems) {
        Rules.quantity(path + ".cpu", cpu, "500m", problems);
        Rules.quantity(path + ".memory", memory, "1Gi", problems);
        Rules.quantity(path + ".memoryLimit", memoryLimit, "1Gi", problems);
    }
}
