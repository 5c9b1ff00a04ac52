# shellcheck shell=bash
# MariaDB (10.11 and 11.4): every MariaDB-specific line of the bootstrap. Mounted as engine.sh.
# Needs the helpers of common.sh.

# The names below are used by the scripts that source this file.
# shellcheck disable=SC2034
CLIENT_BIN=mariadb
ADMIN_BIN=mariadb-admin
BACKUP_BIN=mariadb-backup
STREAM_BIN=mbstream

# The variable that makes a replica refuse writes (it does not stop SUPER / READ ONLY ADMIN users).
READ_ONLY_VARIABLE=read_only


# Columns of SHOW REPLICA STATUS worth a log line.
REPLICA_STATUS_FIELDS=(Master_Host Slave_IO_Running Slave_SQL_Running Gtid_IO_Pos Last_IO_Error Last_SQL_Error)

# Files of the donor a clone must not keep: its replica configuration.
CLONE_DISCARD_FILES=(master.info relay-log.info multi-master.info)

# engine_server_cnf: server options only MariaDB understands, for every role. A replica retries a
# lost connection every CONNECT_RETRY_SECONDS (CHANGE MASTER), at most CONNECT_RETRY_COUNT times.
engine_server_cnf() {
  printf '[mysqld]\n'
  printf 'binlog_format=ROW\n'
  printf 'log_slave_updates=ON\n'
  printf 'gtid_strict_mode=ON\n'
  printf 'master_retry_count=%s\n' "$CONNECT_RETRY_COUNT"
}

# engine_backup_grants ACCOUNT: what mariadb-backup --backup --slave-info needs: BACKUP STAGE
# (RELOAD), the InnoDB status (PROCESS), LOCK TABLES, the binlog position (BINLOG MONITOR) and
# SHOW REPLICA STATUS (SLAVE MONITOR).
engine_backup_grants() {
  printf 'GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR, SLAVE MONITOR ON *.* TO %s;\n' "$1"
}

# engine_clone_position DIR: the GTID position a replica made from the prepared backup in DIR starts
# from. A backup of a replica names it in the slave info file, one of the primary in the binlog info
# file (10.11 writes xtrabackup_*, 11.x mariadb_backup_*).
engine_clone_position() {
  local dir=$1 file
  for file in "$dir/mariadb_backup_slave_info" "$dir/xtrabackup_slave_info"; do
    if [[ -f $file && $(<"$file") =~ gtid_slave_pos[[:space:]]*=[[:space:]]*\'([^\']*)\' ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}"
      return 0
    fi
  done
  for file in "$dir/mariadb_backup_binlog_info" "$dir/xtrabackup_binlog_info"; do
    if [[ -f $file ]]; then
      gtid_from_binlog_info "$file"
      return
    fi
  done
  return 1
}

# engine_replication_sql GTID: SQL that makes this server replicate from the primary, starting after
# GTID. The position is set only while the server's own one is empty or equal to GTID (a repeated
# run after a crash never moves a running replica back).
engine_replication_sql() {
  local gtid=$1 current
  current=$(sql_value 'SELECT @@GLOBAL.gtid_slave_pos') || return 1
  printf 'STOP SLAVE;\nRESET SLAVE ALL;\n'
  if [[ -z $current || $current == "$gtid" ]]; then
    printf 'SET GLOBAL gtid_slave_pos = %s;\n' "$(sql_quote "$gtid")"
  else
    log "gtid_slave_pos is already '$current', past the clone position '$gtid': keeping it"
  fi
  printf 'CHANGE MASTER TO MASTER_HOST = %s, MASTER_PORT = %s, MASTER_USER = %s, MASTER_PASSWORD = %s, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = %s;\n' \
    "$(sql_quote "$(peer_host 0)")" "$MYSQL_PORT" "$(sql_quote "$REPLICATION_USER")" \
    "$(sql_quote "$REPLICATION_PASSWORD")" "$CONNECT_RETRY_SECONDS"
  printf 'START SLAVE;\n'
}
