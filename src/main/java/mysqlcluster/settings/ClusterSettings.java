package mysqlcluster.settings;

/** {@code mysql-cluster:cluster}: what runs and where. An empty version means the engine's default series. */
public record ClusterSettings(String name, String namespace, Boolean createNamespace, Integer replicas, String engine,
                              String version, Integer serverIdOffset, Boolean protect) {
    public static final ClusterSettings DEFAULTS = new ClusterSettings("mysql", "mysql", true, 3, "mysql", null, 100,
            false);

    void validate(String path, Problems problems) {
        Rules.dnsLabel(path + ".name", name, 40, problems);
        Rules.dnsLabel(path + ".namespace", namespace, 63, problems);
        Rules.range(path + ".replicas", replicas, 1, 9, problems);
        Rules.oneOf(path + ".engine", engine, Engine.ids(), problems);
        if (version != null && Engine.byId(engine).isPresent()) {
            Rules.oneOf(path + ".version", version, EngineVersion.seriesOf(engineKind()), problems);
        }
        Rules.range(path + ".serverIdOffset", serverIdOffset, 1, 1_000_000_000, problems);
    }

    public Engine engineKind() {
        return Engine.byId(engine).orElseThrow();
    }

    public EngineVersion engineVersion() {
        Engine kind = engineKind();
        return version == null ? kind.defaultVersion() : EngineVersion.find(kind, version).orElseThrow();
    }
}
