# shellcheck shell=bash
# MySQL 8.4 (server image mysql:8.4, clone and sidecar image Percona XtraBackup 8.4): every
# MySQL-specific line of the bootstrap. Mounted as engine.sh. Needs the helpers of common.sh.
# 8.4 syntax only: the statements and option names removed in 8.4 must not appear here.

# The names below are used by the scripts that source this file.
# shellcheck disable=SC2034
CLIENT_BIN=mysql
ADMIN_BIN=mysqladmin
BACKUP_BIN=xtrabackup
STREAM_BIN=xbstream

# The variable that makes a replica refuse writes, also from SUPER / CONNECTION_ADMIN users.
READ_ONLY_VARIABLE=super_read_only


# Columns of SHOW REPLICA STATUS worth a log line.
REPLICA_STATUS_FIELDS=(Source_Host Replica_IO_Running Replica_SQL_Running Executed_Gtid_Set Last_IO_Error Last_SQL_Error)

# Files of the donor a clone must not keep: its server UUID (two servers with one UUID break GTID
# replication). Its replica configuration lives in tables and is reset by engine_replication_sql.
CLONE_DISCARD_FILES=(auto.cnf)

# engine_server_cnf: server options only MySQL understands, for every role.
engine_server_cnf() {
  printf '[mysqld]\n'
  printf 'gtid_mode=ON\n'
  printf 'enforce_gtid_consistency=ON\n'
}

# engine_backup_grants ACCOUNT: what xtrabackup --backup --slave-info needs: LOCK INSTANCE FOR BACKUP
# (BACKUP_ADMIN), FLUSH (RELOAD), LOCK TABLES, the InnoDB status (PROCESS), the binlog and replica
# positions (REPLICATION CLIENT), and the performance_schema tables it reads.
engine_backup_grants() {
  local table
  printf 'GRANT BACKUP_ADMIN, RELOAD, LOCK TABLES, PROCESS, REPLICATION CLIENT ON *.* TO %s;\n' "$1"
  for table in log_status keyring_component_status replication_group_members; do
    printf 'GRANT SELECT ON performance_schema.%s TO %s;\n' "$table" "$1"
  done
}

# engine_clone_position DIR: the GTID set of the prepared backup in DIR (the donor's gtid_executed,
# the same for a primary and a replica donor).
engine_clone_position() {
  gtid_from_binlog_info "$1/xtrabackup_binlog_info"
}

# engine_replication_sql GTID: SQL that makes this server replicate from the primary with GTID auto
# positioning. gtid_purged is set only while the server has executed nothing; auto positioning
# never moves a running replica back, so a repeated run is harmless.
engine_replication_sql() {
  local gtid=$1 executed
  executed=$(sql_value 'SELECT @@GLOBAL.gtid_executed') || return 1
  printf 'STOP REPLICA;\nRESET REPLICA ALL;\n'
  if [[ -z $executed && -n $gtid ]]; then
    printf 'SET GLOBAL gtid_purged = %s;\n' "$(sql_quote "$gtid")"
  fi
  printf 'CHANGE REPLICATION SOURCE TO SOURCE_HOST = %s, SOURCE_PORT = %s, SOURCE_USER = %s, SOURCE_PASSWORD = %s, SOURCE_AUTO_POSITION = 1, GET_SOURCE_PUBLIC_KEY = 1, SOURCE_CONNECT_RETRY = %s, SOURCE_RETRY_COUNT = %s;\n' \
    "$(sql_quote "$(peer_host 0)")" "$MYSQL_PORT" "$(sql_quote "$REPLICATION_USER")" \
    "$(sql_quote "$REPLICATION_PASSWORD")" "$CONNECT_RETRY_SECONDS" "$CONNECT_RETRY_COUNT"
  printf 'START REPLICA;\n'
}
