package mysqlcluster.cluster;

/**
 * Ports, volume names, mount paths and the environment the bootstrap scripts read. The scripts never repeat
 * these values: the pod spec hands each one to them as an environment variable.
 */
public final class PodLayout {
    public static final int MYSQL_PORT = 3306;
    public static final int CLONE_PORT = 3307;
    public static final String MYSQL_PORT_NAME = "mysql";
    public static final String CLONE_PORT_NAME = "clone";
    public static final int METRICS_PORT = 9104;
    public static final String METRICS_PORT_NAME = "metrics";
    /** The archiver's metrics, served by its rclone over HTTP (ARCHIVE_METRICS_FILE's directory). */
    public static final int ARCHIVE_METRICS_PORT = 9105;
    public static final String ARCHIVE_METRICS_PORT_NAME = "archive-metrics";

    public static final String DATA_VOLUME = "data";
    public static final String CONF_VOLUME = "conf";
    public static final String CONFIG_VOLUME = "config";
    public static final String TMP_VOLUME = "tmp";
    /** In memory: holds the exporter's password. */
    public static final String EXPORTER_CONFIG_VOLUME = "exporter-config";
    /** The datadir lives in this sub-directory of the volume, so the filesystem root (lost+found) stays outside. */
    public static final String DATA_SUB_PATH = "mysql";

    public static final String DATA_DIR = "/var/lib/mysql";
    public static final String VOLUME_DIR = "/var/lib/mysql-volume";
    public static final String CONF_D_DIR = "/etc/mysql/conf.d";
    public static final String CONFIG_DIR = "/etc/mysql-cluster";
    public static final String TMP_DIR = "/tmp";
    public static final String EXPORTER_CONFIG_DIR = "/etc/mysqld-exporter";
    /** The exporter's [client] option file in EXPORTER_CONFIG_DIR, written by init-config.sh. */
    public static final String EXPORTER_CONFIG_FILE = "my.cnf";

    public static final String INIT_CONFIG_CONTAINER = "init-config";
    public static final String CLONE_CONTAINER = "clone";
    public static final String SERVER_CONTAINER = "server";
    public static final String SIDECAR_CONTAINER = "sidecar";
    public static final String EXPORTER_CONTAINER = "exporter";
    /** Uploader image: ships ordinal 0's closed binary logs to the bucket (idle on the replicas). */
    public static final String ARCHIVER_CONTAINER = "archiver";
    /** Uploader image, before "clone" on a stack with restore.*: fetches the backup and the logs for ordinal 0. */
    public static final String RESTORE_FETCH_CONTAINER = "restore-fetch";
    /** The backup job's containers: the donor choice (and MySQL's clone) in the server image, then the upload. */
    public static final String BACKUP_DONOR_CONTAINER = "donor";
    public static final String BACKUP_UPLOAD_CONTAINER = "upload";

    /** The bucket's keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) as files, for s3.sh. */
    public static final String BUCKET_KEYS_VOLUME = "bucket-keys";
    public static final String BUCKET_KEYS_DIR = "/etc/mysql-cluster-bucket";
    /** The restore source's keys, likewise. */
    public static final String RESTORE_KEYS_VOLUME = "restore-keys";
    public static final String RESTORE_KEYS_DIR = "/etc/mysql-cluster-restore";
    /** The backup job's working volume: MySQL's clone of the donor, MariaDB's chosen donor. */
    public static final String BACKUP_WORK_VOLUME = "work";
    public static final String BACKUP_WORK_DIR = "/var/lib/mysql-backup";
    /** The archive's metrics (Prometheus text format) in the pod's tmp volume, written by archive-binlogs.sh; its
     * directory is what the archiver serves, so Prometheus reads it at /FILE_NAME. */
    public static final String ARCHIVE_METRICS_DIR = TMP_DIR + "/archive-metrics";
    public static final String ARCHIVE_METRICS_FILE_NAME = "metrics";
    /** Where on the data volume (VOLUME_DIR) restore-fetch leaves the backup and logs for the clone step. */
    public static final String RESTORE_STAGE_DIR = "restore";

    /** The uid/gid of the mysql user in the official MySQL and MariaDB images. */
    public static final long MYSQL_UID = 999;

    /** Base name of the binary log files in the datadir (BASENAME.000001, BASENAME.index). */
    public static final String BINLOG_BASENAME = "mysql-bin";

    public static final String REPLICATION_USER = "replication";
    public static final String BACKUP_USER = "backup";
    /** The exporter scrapes its own pod's server over TCP: the account's host and the option file's host. */
    public static final String EXPORTER_USER = "exporter";
    public static final String EXPORTER_HOST = "127.0.0.1";
    /** mysqld_exporter's README: a connection limit keeps scrapes from piling up on a busy server. */
    public static final int EXPORTER_MAX_CONNECTIONS = 3;

    /** How often a clone retries a peer that does not answer, and how long it waits between tries. */
    public static final int CLONE_RETRIES = 30;
    public static final int CLONE_RETRY_SECONDS = 5;
    /** Seconds a replica waits before reconnecting to the primary (the server default, 60 s, idles too long). */
    public static final int CONNECT_RETRY_SECONDS = 5;
    /** Reconnect attempts before a replica gives up on a lost primary: 5 s x 86400 = five days, bounded. */
    public static final int CONNECT_RETRY_COUNT = 86_400;
    /**
     * Seconds without a word from the primary (no event, no heartbeat) after which a replica drops the connection and
     * reconnects (replica_net_timeout / slave_net_timeout; the server default, 60 s, leaves a dead connection unnoticed
     * for a minute, during which the replica reports no lag while it falls behind).
     */
    public static final int REPLICA_NET_TIMEOUT_SECONDS = 10;
    /** Seconds between the heartbeats an idle primary sends each replica: several per net timeout. */
    public static final int HEARTBEAT_PERIOD_SECONDS = 2;

    private PodLayout() {
    }
}
