package mysqlcluster.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import mysqlcluster.cluster.PodLayout;
import mysqlcluster.settings.Engine;
import mysqlcluster.settings.EngineVersion;

/**
 * What the scenarios ask each engine differently: where a server keeps its GTID position, how its replica status
 * names things, and which donor process serves a clone. Everything else in the scenarios is written once.
 */
record SqlDialect(EngineVersion version) {
    /** MySQL's clone recipient in the clone container: mysqld's bootstrap, which runs the clone from its --init-file. */
    static final Predicate<List<String>> MYSQL_CLONE_RECIPIENT = cmd -> !cmd.isEmpty() && cmd.get(0).endsWith("mysqld")
            && cmd.stream().anyMatch(arg -> arg.startsWith("--init-file"));

    boolean mysql() {
        return version.engine() == Engine.MYSQL;
    }

    /** The GTID set the primary has written. */
    String primaryGtidSql() {
        return mysql() ? "SELECT @@GLOBAL.gtid_executed" : "SELECT @@GLOBAL.gtid_binlog_pos";
    }

    /** The GTID set a replica has applied. */
    String replicaGtidSql() {
        return mysql() ? "SELECT @@GLOBAL.gtid_executed" : "SELECT @@GLOBAL.gtid_slave_pos";
    }

    /** A GTID set as the client prints it: MySQL spreads a set over lines, which batch mode prints as \n. */
    static String normalizeGtid(String gtid) {
        return gtid.replace("\\n", "").replaceAll("\\s", "");
    }

    /** SHOW REPLICA STATUS columns: source host, IO thread, SQL thread, and the one that says GTID is used. */
    Map<String, String> expectedReplicaStatus(String primaryHost) {
        return mysql()
                ? Map.of("Source_Host", primaryHost, ioRunningColumn(), "Yes", sqlRunningColumn(), "Yes",
                        "Auto_Position", "1")
                : Map.of("Master_Host", primaryHost, ioRunningColumn(), "Yes", sqlRunningColumn(), "Yes",
                        "Using_Gtid", "Slave_Pos");
    }

    /** The column of SHOW REPLICA STATUS that says whether the receiver (IO thread) runs. */
    String ioRunningColumn() {
        return mysql() ? "Replica_IO_Running" : "Slave_IO_Running";
    }

    /** The column of SHOW REPLICA STATUS that says whether the applier (SQL thread) runs. */
    String sqlRunningColumn() {
        return mysql() ? "Replica_SQL_Running" : "Slave_SQL_Running";
    }

    /** The column of SHOW REPLICA STATUS that says how far behind the replica is, in seconds. */
    String lagColumn() {
        return mysql() ? "Seconds_Behind_Source" : "Seconds_Behind_Master";
    }

    /** Stops a replica's applier (SQL thread) only; the receiver goes on. */
    String stopApplierSql() {
        return mysql() ? "STOP REPLICA SQL_THREAD" : "STOP SLAVE SQL_THREAD";
    }

    String startApplierSql() {
        return mysql() ? "START REPLICA SQL_THREAD" : "START SLAVE SQL_THREAD";
    }

    /** The heartbeat period (seconds) a replica's connection to its source was set up with. */
    String heartbeatPeriodSql() {
        return mysql()
                ? "SELECT HEARTBEAT_INTERVAL FROM performance_schema.replication_connection_configuration WHERE CHANNEL_NAME = ''"
                : "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'SLAVE_HEARTBEAT_PERIOD'";
    }

    String setHeartbeatSql(int seconds) {
        return mysql()
                ? "STOP REPLICA IO_THREAD; CHANGE REPLICATION SOURCE TO SOURCE_HEARTBEAT_PERIOD = " + seconds + "; START REPLICA IO_THREAD"
                : "STOP SLAVE; CHANGE MASTER TO MASTER_HEARTBEAT_PERIOD = " + seconds + "; START SLAVE";
    }

    /** Seconds without data after which a replica drops its connection to the source. */
    String netTimeoutSql() {
        return mysql() ? "SELECT @@GLOBAL.replica_net_timeout" : "SELECT @@GLOBAL.slave_net_timeout";
    }

    /** Statements that change a running replica's connect retry (a setting a new replication set-up would reset). */
    String setConnectRetrySql(int seconds) {
        return mysql()
                ? "STOP REPLICA; CHANGE REPLICATION SOURCE TO SOURCE_CONNECT_RETRY = " + seconds + "; START REPLICA"
                : "STOP SLAVE; CHANGE MASTER TO MASTER_CONNECT_RETRY = " + seconds + "; START SLAVE";
    }

    /**
     * Statements run on a replica with the binary log off for the session, so that only this replica has their effect:
     * MySQL's super_read_only stops even root, so it is lifted for them.
     */
    String replicaLocalWrite(String statements) {
        String local = "SET SESSION sql_log_bin = 0; " + statements;
        return mysql() ? "SET GLOBAL super_read_only = OFF; " + local + "; SET GLOBAL super_read_only = ON" : local;
    }

    /** The clone container's process that sets up a new datadir's accounts: MySQL's bootstrap, MariaDB's local server. */
    Predicate<List<String>> initialAccountsProcess() {
        return mysql() ? cmd -> !cmd.isEmpty() && cmd.get(0).endsWith("mysqld") && cmd.contains("--initialize-insecure")
                : cmd -> cmd.contains("--skip-networking");
    }

    /** The donor's container and process that serve a clone: MySQL's server itself, MariaDB's backup tool. */
    String donorContainer() {
        return mysql() ? PodLayout.SERVER_CONTAINER : PodLayout.SIDECAR_CONTAINER;
    }

    Predicate<List<String>> donorProcess() {
        return mysql() ? cmd -> !cmd.isEmpty() && cmd.get(0).endsWith("mysqld") : cmd -> cmd.contains("--backup");
    }

    /** The port a clone comes from. */
    int clonePort() {
        return mysql() ? PodLayout.MYSQL_PORT : PodLayout.CLONE_PORT;
    }
}
