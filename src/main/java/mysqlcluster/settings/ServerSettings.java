package mysqlcluster.settings;

import java.util.Map;
import java.util.Set;

/**
 * {@code mysql-cluster:server}: extra [mysqld] options, written to both roles' config, and how long binary logs are
 * kept (MariaDB keeps them forever by default, so every volume would fill up).
 */
public record ServerSettings(Map<String, String> config, Integer binlogRetentionHours) {
    public static final ServerSettings DEFAULTS = new ServerSettings(Map.of(), 72);
    /** 90 days: longer fills any volume on a busy primary, and a replica that is away longer is cloned anew. */
    static final int MAX_BINLOG_RETENTION_HOURS = 2160;

    /** Options the bootstrap depends on; letting a stack override them would break replication or cloning. */
    static final Set<String> MANAGED = Set.of("server_id", "log_bin", "gtid_mode", "enforce_gtid_consistency",
            "read_only", "super_read_only", "log_replica_updates", "log_slave_updates", "datadir", "port",
            "bind_address", "skip_replica_start", "skip_slave_start", "gtid_strict_mode", "plugin_load_add",
            "binlog_expire_logs_seconds", "expire_logs_days", "binlog_expire_logs_auto_purge");

    void validate(String path, Problems problems) {
        config.forEach((key, value) -> {
            String normalized = key.replace('-', '_');
            if (!key.matches("[a-z][a-z0-9_-]*")) {
                problems.add(path + ".config." + key, "is not a server option name; use lower-case letters, digits, '_' or '-'");
            } else if (normalized.startsWith("binlog_expire") || normalized.equals("expire_logs_days")) {
                problems.add(path + ".config." + key, "is set by " + path + ".binlogRetentionHours; set that instead");
            } else if (MANAGED.contains(normalized)) {
                problems.add(path + ".config." + key, "is managed by mysql-cluster (replication depends on it) and cannot be set");
            }
            if (value == null || value.contains("\n")) {
                problems.add(path + ".config." + key, "must be a single-line string value");
            }
        });
        Rules.range(path + ".binlogRetentionHours", binlogRetentionHours, 1, MAX_BINLOG_RETENTION_HOURS, problems);
    }

    public long binlogExpireSeconds() {
        return binlogRetentionHours * 3600L;
    }
}
