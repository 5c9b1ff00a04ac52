package mysqlcluster.settings;

import java.util.Map;
import java.util.Set;

/** {@code mysql-cluster:server}: extra [mysqld] options, written to both roles' config. */
public record ServerSettings(Map<String, String> config) {
    public static final ServerSettings DEFAULTS = new ServerSettings(Map.of());

    /** Options the bootstrap depends on; letting a stack override them would break replication or cloning. */
    static final Set<String> MANAGED = Set.of("server_id", "log_bin", "gtid_mode", "enforce_gtid_consistency",
            "read_only", "super_read_only", "log_replica_updates", "log_slave_updates", "datadir", "port",
            "bind_address", "skip_replica_start", "skip_slave_start", "gtid_strict_mode");

    void validate(String path, Problems problems) {
        config.forEach((key, value) -> {
            String normalized = key.replace('-', '_');
            if (!key.matches("[a-z][a-z0-9_-]*")) {
                problems.add(path + ".config." + key, "is not a server option name; use lower-case letters, digits, '_' or '-'");
            } else if (MANAGED.contains(normalized)) {
                problems.add(path + ".config." + key, "is managed by mysql-cluster (replication depends on it) and cannot be set");
            }
            if (value == null || value.contains("\n")) {
                problems.add(path + ".config." + key, "must be a single-line string value");
            }
        });
    }
}
