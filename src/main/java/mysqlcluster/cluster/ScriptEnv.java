package mysqlcluster.cluster;

import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import java.util.ArrayList;
import java.util.List;
import mysqlcluster.settings.Password;
import mysqlcluster.settings.Settings;

/** The environment the bootstrap scripts read: every name, port and path they use comes from here. */
final class ScriptEnv {
    static final String ROOT_PASSWORD = "ROOT_PASSWORD";
    static final String REPLICATION_PASSWORD = "REPLICATION_PASSWORD";
    static final String BACKUP_PASSWORD = "BACKUP_PASSWORD";
    static final String EXPORTER_PASSWORD = "EXPORTER_PASSWORD";

    private ScriptEnv() {
    }

    /** Plain settings every script container gets. */
    static List<EnvVarArgs> layout(Settings settings, Names names) {
        var env = new ArrayList<EnvVarArgs>();
        env.add(value("MYSQL_PORT", PodLayout.MYSQL_PORT));
        if (settings.engine().streamsBackups()) {
            env.add(value("CLONE_PORT", PodLayout.CLONE_PORT));
        }
        env.add(value("GOVERNING_SERVICE", names.headlessService()));
        env.add(value("DATA_DIR", PodLayout.DATA_DIR));
        env.add(value("VOLUME_DIR", PodLayout.VOLUME_DIR));
        env.add(value("CONF_D_DIR", PodLayout.CONF_D_DIR));
        env.add(value("CONFIG_DIR", PodLayout.CONFIG_DIR));
        env.add(value("SERVER_ID_OFFSET", settings.cluster().serverIdOffset()));
        env.add(value("REPLICATION_USER", PodLayout.REPLICATION_USER));
        env.add(value("BACKUP_USER", PodLayout.BACKUP_USER));
        env.add(value("CLONE_RETRIES", PodLayout.CLONE_RETRIES));
        env.add(value("CLONE_RETRY_SECONDS", PodLayout.CLONE_RETRY_SECONDS));
        env.add(value("CONNECT_RETRY_SECONDS", PodLayout.CONNECT_RETRY_SECONDS));
        env.add(value("CONNECT_RETRY_COUNT", PodLayout.CONNECT_RETRY_COUNT));
        env.add(value("REPLICA_NET_TIMEOUT_SECONDS", PodLayout.REPLICA_NET_TIMEOUT_SECONDS));
        env.add(value("HEARTBEAT_PERIOD_SECONDS", PodLayout.HEARTBEAT_PERIOD_SECONDS));
        env.add(value("BINLOG_BASENAME", PodLayout.BINLOG_BASENAME));
        env.add(value("BINLOG_EXPIRE_SECONDS", settings.server().binlogExpireSeconds()));
        if (settings.monitoring().exporter()) {
            env.add(value("EXPORTER_USER", PodLayout.EXPORTER_USER));
            env.add(value("EXPORTER_HOST", PodLayout.EXPORTER_HOST));
            env.add(value("EXPORTER_MAX_CONNECTIONS", PodLayout.EXPORTER_MAX_CONNECTIONS));
            env.add(value("EXPORTER_CONFIG_FILE", exporterConfigFile()));
        }
        return env;
    }

    /**
     * The clone step's working memory, half its container's limit (the other half is left for the process itself):
     * mariadb-backup's buffer for applying redo in --prepare (its 100M default makes a prepare after a busy donor
     * slow), or the buffer pool of MySQL's short-lived recipient server.
     */
    static EnvVarArgs cloneMemory(Settings settings) {
        return value("CLONE_MEMORY_MIB", Quantities.mebibytes(settings.resources().sidecar().memoryLimit()) / 2);
    }

    /** When a replica takes reads (the readiness probe of the server container; see probe.sh). */
    static List<EnvVarArgs> readiness(Settings settings) {
        return List.of(value("REPLICA_MAX_LAG_SECONDS", settings.server().replicaMaxLagSeconds()),
                value("REPLICA_CATCH_UP_LAG_SECONDS", settings.server().replicaCatchUpLagSeconds()));
    }

    /** The layout plus the passwords, each read from the Secret by reference. */
    static List<EnvVarArgs> withPasswords(Settings settings, Names names) {
        var env = layout(settings, names);
        env.add(secret(ROOT_PASSWORD, names, Password.ROOT));
        env.add(secret(REPLICATION_PASSWORD, names, Password.REPLICATION));
        env.add(secret(BACKUP_PASSWORD, names, Password.BACKUP));
        env.addAll(exporterPassword(settings, names));
        return env;
    }

    /** The exporter's password, for the scripts that write its option file and create or update its account. */
    static List<EnvVarArgs> exporterPassword(Settings settings, Names names) {
        return settings.monitoring().exporter() ? List.of(secret(EXPORTER_PASSWORD, names, Password.EXPORTER)) : List.of();
    }

    static String exporterConfigFile() {
        return PodLayout.EXPORTER_CONFIG_DIR + "/" + PodLayout.EXPORTER_CONFIG_FILE;
    }

    /** The application user the primary's datadir is initialised with, when the stack names one. */
    static List<EnvVarArgs> appUser(Settings settings, Names names) {
        if (!settings.credentials().hasAppUser()) {
            return List.of();
        }
        return List.of(value("APP_USER", settings.credentials().appUser()),
                value("APP_DATABASE", settings.credentials().appDatabase()),
                secret("APP_PASSWORD", names, Password.APP));
    }

    /**
     * The binary log archive (archiver.sh): where the logs are, and how often a pass runs; the sidecar closes the open
     * file as often (rotate-binlogs.sh), so a transaction reaches the bucket within two periods and a pass's own work:
     * a quarter of the RPO each, leaving half for the pass (index, continuity check, upload). A third each left too
     * little: the harness measured 50 s of a 60 s RPO.
     */
    static List<EnvVarArgs> archive(Settings settings) {
        return List.of(value("BINLOG_DIR", PodLayout.DATA_DIR),
                value("BINLOG_BASENAME", PodLayout.BINLOG_BASENAME),
                value("INTERVAL_SECONDS", archivePeriodSeconds(settings)),
                value("METRICS_FILE", PodLayout.ARCHIVE_METRICS_DIR + "/" + PodLayout.ARCHIVE_METRICS_FILE_NAME),
                value("METRICS_PORT", PodLayout.ARCHIVE_METRICS_PORT));
    }

    /** The period of the archive's passes and of the sidecar's rotation: a quarter of the RPO. */
    static int archivePeriodSeconds(Settings settings) {
        return settings.backup().rpoMinutes() * 60 / 4;
    }

    /** What the sidecar needs to close the primary's binary log on time, when the archive runs. */
    static List<EnvVarArgs> rotation(Settings settings) {
        return settings.backup().enabled()
                ? List.of(value("BINLOG_ROTATE_SECONDS", archivePeriodSeconds(settings))) : List.of();
    }

    /** The backup job's donor choice: the pods, and the Service that lists the ready ones. */
    static List<EnvVarArgs> backupJob(Settings settings, Names names) {
        return List.of(value("ENGINE", settings.engine().id()),
                value("REPLICAS", settings.cluster().replicas()),
                value("STATEFULSET", names.statefulSet()),
                value("DONOR_SERVICE", names.donorService()),
                value("CLONE_DIR", PodLayout.BACKUP_WORK_DIR));
    }

    /** The backup job's upload and retention. */
    static List<EnvVarArgs> upload(Settings settings) {
        var env = new ArrayList<EnvVarArgs>(List.of(value("ENGINE", settings.engine().id()),
                value("CLONE_DIR", PodLayout.BACKUP_WORK_DIR),
                value("KEEP_BACKUPS", settings.backup().keepBackups()),
                value("STREAM_CHUNK_SIZE", BackupPart.streamChunkSize(settings)),
                value("UNFINISHED_UPLOAD_MAX_AGE_SECONDS", BackupPart.deadlineSeconds(settings))));
        if (settings.engine().streamsBackups()) {
            env.add(value("CLONE_PORT", PodLayout.CLONE_PORT));
        }
        return env;
    }

    /** What a restore takes: the backup, the point to replay to, and where on the data volume to leave them. */
    static List<EnvVarArgs> restore(Settings settings) {
        var restore = settings.restore();
        return List.of(value("ENGINE", settings.engine().id()),
                value("RESTORE_BACKUP", restore.backup()),
                value("RESTORE_TARGET", restore.planTarget()),
                restoreStage());
    }

    /** Where restore-fetch leaves what the clone step restores. */
    static EnvVarArgs restoreStage() {
        return value("RESTORE_STAGE_DIR", PodLayout.VOLUME_DIR + "/" + PodLayout.RESTORE_STAGE_DIR);
    }

    static EnvVarArgs value(String name, Object value) {
        return EnvVarArgs.builder().name(name).value(String.valueOf(value)).build();
    }

    static EnvVarArgs secret(String name, Names names, Password password) {
        return EnvVarArgs.builder().name(name).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name(names.secret()).key(password.secretKey()).build())
                .build()).build();
    }
}
