package mysqlcluster.settings;

import java.util.List;

/** {@code mysql-cluster:scheduling}: how pods spread over nodes. */
public record SchedulingSettings(String antiAffinity, String topologyKey) {
    public static final SchedulingSettings DEFAULTS = new SchedulingSettings("preferred", "kubernetes.io/hostname");
    static final List<String> ANTI_AFFINITY = List.of("preferred", "required");

    void validate(String path, Problems problems) {
        Rules.oneOf(path + ".antiAffinity", antiAffinity, ANTI_AFFINITY, problems);
        if (topologyKey == null || topologyKey.isBlank()) {
            problems.add(path + ".topologyKey", "must not be empty; use a node label such as kubernetes.io/hostname");
        }
    }
}
