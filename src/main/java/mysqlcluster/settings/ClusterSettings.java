package mysqlcluster.settings;

/** {@code mysql-cluster:cluster}: what runs and where. */
public record ClusterSettings(String name, String namespace, Boolean createNamespace, Integer replicas, String engine,
                              Integer serverIdOffset, Boolean protect) {
    public static final ClusterSettings DEFAULTS = new ClusterSettings("mysql", "mysql", true, 3, "mysql", 100, false);

    void validate(String path, Problems problems) {
        Rules.dnsLabel(path + ".name", name, 40, problems);
        Rules.dnsLabel(path + ".namespace", namespace, 63, problems);
        Rules.range(path + ".replicas", replicas, 1, 9, problems);
        Rules.oneOf(path + ".engine", engine, Engine.ids(), problems);
        Rules.range(path + ".serverIdOffset", serverIdOffset, 1, 1_000_000_000, problems);
    }

    public Engine engineKind() {
        return Engine.byId(engine).orElseThrow();
    }
}
