package mysqlcluster.settings;

import java.util.Map;
import java.util.Set;

/**
 * {@code mysql-cluster:server}: extra [mysqld] options, written to both roles' config, how long binary logs are
 * kept (MariaDB keeps them forever by default, so every volume would fill up), and when a replica takes reads: its
 * readiness fails once its replication lag is above {@code replicaMaxLagSeconds}, and passes again only once the lag
 * is at most {@code replicaCatchUpLagSeconds} (a new replica too), so that a lag around the maximum does not flap.
 */
public record ServerSettings(Map<String, String> config, Integer binlogRetentionHours, Integer replicaMaxLagSeconds,
                             Integer replicaCatchUpLagSeconds) {
    public static final ServerSettings DEFAULTS = new ServerSettings(Map.of(), 72, 30, 10);
    /** An hour: a replica further behind serves data too old to call a read replica. */
    static final int MAX_REPLICA_LAG_SECONDS = 3600;
    /** 90 days: longer fills any volume on a busy primary, and a replica that is away longer is cloned anew. */
    static final int MAX_BINLOG_RETENTION_HOURS = 2160;

    /** Options the bootstrap depends on; letting a stack override them would break replication or cloning. */
    static final Set<String> MANAGED = Set.of("server_id", "log_bin", "gtid_mode", "enforce_gtid_consistency",
            "read_only", "super_read_only", "log_replica_updates", "log_slave_updates", "datadir", "port",
            "bind_address", "skip_replica_start", "skip_slave_start", "gtid_strict_mode", "plugin_load_add",
            "binlog_expire_logs_seconds", "expire_logs_days", "binlog_expire_logs_auto_purge", "replica_net_timeout",
            "slave_net_timeout");

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
        Rules.range(path + ".replicaMaxLagSeconds", replicaMaxLagSeconds, 1, MAX_REPLICA_LAG_SECONDS, problems);
        Rules.range(path + ".replicaCatchUpLagSeconds", replicaCatchUpLagSeconds, 0, MAX_REPLICA_LAG_SECONDS, problems);
        if (lagInRange(replicaMaxLagSeconds, 1) && lagInRange(replicaCatchUpLagSeconds, 0)
                && replicaCatchUpLagSeconds >= replicaMaxLagSeconds) {
            problems.add(path + ".replicaCatchUpLagSeconds", replicaCatchUpLagSeconds + " is not below "
                    + path + ".replicaMaxLagSeconds (" + replicaMaxLagSeconds + "); use an integer from 0 to "
                    + (replicaMaxLagSeconds - 1) + " (the lag at which an unready replica takes reads again)");
        }
    }

    private static boolean lagInRange(Integer seconds, int min) {
        return seconds != null && seconds >= min && seconds <= MAX_REPLICA_LAG_SECONDS;
    }

    public long binlogExpireSeconds() {
        return binlogRetentionHours * 3600L;
    }
}
