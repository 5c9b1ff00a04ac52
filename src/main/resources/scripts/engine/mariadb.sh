# shellcheck shell=bash
# MariaDB (10.11, 11.4, 11.8): every MariaDB-specific line of the bootstrap. Mounted as engine.sh.
# Needs the helpers of common.sh. A clone is a mariadb-backup stream from the donor's sidecar
# (serve-backup.sh on CLONE_PORT), received with socat and mbstream, then prepared.

# The names below are used by the scripts that source this file.
# shellcheck disable=SC2034
SERVER_BIN=mariadbd
CLIENT_BIN=mariadb
ADMIN_BIN=mariadb-admin
BACKUP_BIN=mariadb-backup
BINLOG_BIN=mariadb-binlog
STREAM_BIN=mbstream

# The variable that makes a replica refuse writes (it does not stop SUPER / READ ONLY ADMIN users).
READ_ONLY_VARIABLE=read_only
# The open binary log file and position (SHOW MASTER STATUS's name since 10.5.2).
BINLOG_STATUS_SQL='SHOW BINLOG STATUS'
# The last transaction the binary log holds per domain and server: it changes with every one written, never with a
# rotation.
BINLOG_GTIDS_SQL='SELECT @@GLOBAL.gtid_binlog_pos'


# Last_IO_Errno of a replica whose primary purged the binary logs it needs (ER_MASTER_FATAL_ERROR_READING_BINLOG).
PURGED_POSITION_ERRNOS=(1236)

# Columns of SHOW REPLICA STATUS worth a log line.
REPLICA_STATUS_FIELDS=(Master_Host Slave_IO_Running Slave_SQL_Running Gtid_IO_Pos Last_IO_Error Last_SQL_Error)

# Columns of SHOW REPLICA STATUS the readiness probe reads (replica_unfit_for_reads). The lag: Seconds_Behind_Master
# is the replica's clock now minus the timestamp the primary wrote into the event being applied, corrected by the
# clock difference the receiver measured when it connected; 0 when the applier is idle, NULL when a thread is not
# running. (11.8's Master_last_event_time and Slave_last_event_time are not in 10.11.) It only knows what the
# receiver has received: a connection that died without a word would read 0 while the primary writes on, which is
# why engine_replication_sql sets a heartbeat and engine_server_cnf a short slave_net_timeout.
REPLICA_IO_COLUMN=Slave_IO_Running
REPLICA_SQL_COLUMN=Slave_SQL_Running
REPLICA_LAG_COLUMN=Seconds_Behind_Master

# Files of the donor a clone must not keep: its replica configuration.
CLONE_DISCARD_FILES=(master.info relay-log.info multi-master.info)

# engine_initialise_datadir DIR: system tables in a new DIR with the pod's configuration, root@localhost with a
# password-less normal login, then the initial accounts (initial_accounts_sql) on a local server without networking.
engine_initialise_datadir() {
  mariadb-install-db --datadir="$1" --auth-root-authentication-method=normal --skip-test-db --skip-log-bin \
    --skip-name-resolve >"$LOCAL_LOG" 2>&1 || die "cannot initialise $1: $(local_log_tail)"
  start_local_server "$1"
  initial_accounts_sql | local_sql || die "cannot create the initial accounts: $(local_log_tail)"
  stop_local_server
}

# Accounts mariadb-install-db leaves that a cluster must not have: anonymous ones, root from other
# hosts (root@'%' is made next).
engine_initial_cleanup_sql() {
  printf "DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');\n"
  printf "DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';\n"
  printf 'FLUSH PRIVILEGES;\n'
}

# engine_root_grants_sql ACCOUNT: what root needs beyond ALL (to grant proxies, as root@localhost can).
engine_root_grants_sql() {
  printf "GRANT PROXY ON ''@'%%' TO %s WITH GRANT OPTION;\n" "$1"
}

# The host that runs the backup tool (the sidecar, over TCP 127.0.0.1) as the backup user.
BACKUP_USER_HOST=127.0.0.1

# The donor's port a clone comes from.
engine_clone_port() {
  require_env CLONE_PORT
  printf '%s\n' "$CLONE_PORT"
}

# engine_clone_begin DONOR: nothing to start; the donor's sidecar serves the stream.
engine_clone_begin() {
  require_env CLONE_PORT
}

# engine_clone_receive DONOR DIR: one attempt: a complete backup stream from DONOR in DIR, or no DIR.
# A donor that stays silent as long as we would wait for it to appear is gone.
engine_clone_receive() {
  local donor=$1 dir=$2 idle_timeout=$((CLONE_RETRIES * CLONE_RETRY_SECONDS))
  local -a status=(0 0)
  rm -rf "$dir"
  mkdir "$dir" || return 1
  socat -b 1048576 -u -T "$idle_timeout" "TCP:$donor:$CLONE_PORT,connect-timeout=$CLONE_RETRY_SECONDS" STDOUT |
    "$STREAM_BIN" -x -C "$dir" || status=("${PIPESTATUS[@]}")
  if ((status[0] != 0 || status[1] != 0)) || [[ ! -f $dir/$STREAM_END_FILE ]]; then
    log "no complete backup from $donor:$CLONE_PORT (socat status ${status[0]}, $STREAM_BIN status ${status[1]}, end of stream $([[ -f $dir/$STREAM_END_FILE ]] && echo received || echo missing))"
    rm -rf "$dir"
    return 1
  fi
  rm -f "$dir/$STREAM_END_FILE"
}

# engine_clone_finish DIR: applies the redo copied while the donor was busy, with a buffer of
# CLONE_MEMORY_MIB (half this container's memory limit).
engine_clone_finish() {
  "$BACKUP_BIN" --prepare --use-memory="${CLONE_MEMORY_MIB}M" --target-dir="$1"
}

# engine_server_cnf: server options only MariaDB understands, for every role. A replica retries a
# lost connection every CONNECT_RETRY_SECONDS (CHANGE MASTER), at most CONNECT_RETRY_COUNT times; one that hears
# nothing from the primary (no event, no heartbeat) for REPLICA_NET_TIMEOUT_SECONDS drops the connection and
# reconnects (Slave_IO_Running shows Connecting meanwhile, and the readiness probe fails) instead of after 60 s.
engine_server_cnf() {
  printf '[mysqld]\n'
  printf 'binlog_format=ROW\n'
  printf 'log_slave_updates=ON\n'
  printf 'gtid_strict_mode=ON\n'
  printf 'master_retry_count=%s\n' "$CONNECT_RETRY_COUNT"
  printf 'slave_net_timeout=%s\n' "$REPLICA_NET_TIMEOUT_SECONDS"
}

# engine_backup_grants ACCOUNT: what mariadb-backup --backup --slave-info needs: BACKUP STAGE
# (RELOAD), the InnoDB status (PROCESS), LOCK TABLES, the binlog position (BINLOG MONITOR) and
# SHOW REPLICA STATUS (SLAVE MONITOR).
engine_backup_grants() {
  printf 'GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR, SLAVE MONITOR ON *.* TO %s;\n' "$1"
}

# engine_exporter_grants ACCOUNT: SHOW REPLICA STATUS needs SLAVE MONITOR since 10.5.9 (REPLICATION
# CLIENT, now BINLOG MONITOR, no longer covers it).
engine_exporter_grants() {
  printf 'GRANT SLAVE MONITOR ON *.* TO %s;\n' "$1"
}

# stream_end_line DONOR DIR: serve-backup.sh's last line, from the backup's info file in DIR (11.x writes
# mariadb_backup_info, 10.11 xtrabackup_info): the server's version and the binary log position the copy ends at
# (binlog_pos = filename 'F', position 'P', GTID of the last change 'G').
stream_end_line() {
  local donor=$1 dir=$2 file info version=unknown gtid='' binlog=''
  for file in "$dir/mariadb_backup_info" "$dir/xtrabackup_info"; do
    [[ -f $file ]] || continue
    info=$(<"$file")
    [[ $info =~ server_version[[:space:]]*=[[:space:]]*([^[:space:]]+) ]] && version=${BASH_REMATCH[1]}
    if [[ $info =~ binlog_pos[[:space:]]*=[[:space:]]*filename\ \'([^\']*)\',\ position\ \'([0-9]+)\'(,\ GTID\ of\ the\ last\ change\ \'([^\']*)\')? ]]; then
      binlog=${BASH_REMATCH[1]}:${BASH_REMATCH[2]}
      gtid=${BASH_REMATCH[4]}
    fi
  done
  printf 'mysql-cluster-stream-end donor=%s version=%s gtid=%s binlog=%s\n' "$donor" "$version" "$gtid" "$binlog"
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
# GTID; an idle primary sends a heartbeat every HEARTBEAT_PERIOD_SECONDS (see engine_server_cnf). The position is
# set only while the server's own one is empty or equal to GTID (a repeated
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
  printf 'CHANGE MASTER TO MASTER_HOST = %s, MASTER_PORT = %s, MASTER_USER = %s, MASTER_PASSWORD = %s, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = %s, MASTER_HEARTBEAT_PERIOD = %s;\n' \
    "$(sql_quote "$(peer_host 0)")" "$MYSQL_PORT" "$(sql_quote "$REPLICATION_USER")" \
    "$(sql_quote "$REPLICATION_PASSWORD")" "$CONNECT_RETRY_SECONDS" "$HEARTBEAT_PERIOD_SECONDS"
  printf 'START SLAVE;\n'
}

# engine_source_password: the password replication logs in to the primary with: line 6 of the
# datadir's master.info (count, binlog file, position, host, user, password, ...).
engine_source_password() {
  local file=$DATA_DIR/master.info password
  [[ -r $file ]] || return 1
  password=$(sed -n 6p "$file")
  printf '%s\n' "$password"
}

# engine_source_password_sql PASSWORD: SQL that makes replication log in with PASSWORD from now on;
# it resumes from gtid_slave_pos.
engine_source_password_sql() {
  printf 'STOP SLAVE;\nCHANGE MASTER TO MASTER_PASSWORD = %s;\nSTART SLAVE;\n' "$(sql_quote "$1")"
}

# engine_source_heartbeat: the heartbeat period replication was set up with (a status variable of the default
# connection); fails when replication is not set up (no master.info).
engine_source_heartbeat() {
  [[ -r $DATA_DIR/master.info ]] || return 1
  sql_value "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'SLAVE_HEARTBEAT_PERIOD'"
}

# engine_source_heartbeat_sql SECONDS: SQL that sets the heartbeat period of running replication; it resumes
# from gtid_slave_pos.
engine_source_heartbeat_sql() {
  printf 'STOP SLAVE;\nCHANGE MASTER TO MASTER_HEARTBEAT_PERIOD = %s;\nSTART SLAVE;\n' "$1"
}

# How long a stream's sent data may stay unacknowledged before the connection is dropped (TCP_USER_TIMEOUT, option 18
# of level IPPROTO_TCP 6, inherited by each accepted connection): a receiver killed with its pod vanishes without a
# reset once its network namespace is gone, and the backup tool would otherwise block in write, holding its backup
# locks and the one serving slot, until the kernel gives up retransmitting (about 15 minutes). A receiver that is
# alive but slow keeps acknowledging (a zero window included), so it is never cut off by this.
STREAM_UNACKED_TIMEOUT_MS=60000

# engine_serve_clones: serves a backup to each peer that connects to CLONE_PORT, one at a time;
# nofork hands the connection itself to serve-backup.sh as its stdout, so the backup tool writes
# straight to the socket instead of through a relaying socat (one copy less on a busy donor).
engine_serve_clones() {
  require_env CLONE_PORT
  log "serving backups on port $CLONE_PORT"
  exec socat -U "TCP-LISTEN:$CLONE_PORT,reuseaddr,fork,max-children=1,setsockopt-int=6:18:$STREAM_UNACKED_TIMEOUT_MS" \
    "EXEC:bash $CONFIG_DIR/serve-backup.sh,nofork"
}

# engine_replay_binlogs DATADIR LOGS_DIR LAST FROM TO FILE...: the FILEs (archived binary logs in LOGS_DIR, in order)
# applied to DATADIR: mariadb-binlog reads them from byte FROM of the first up to byte TO of the last (the plan's
# positions: the first transaction after the backup, the first one left out) into the client of a local server.
engine_replay_binlogs() {
  local datadir=$1 logs=$2 from=$4 to=$5
  shift 5
  local -a paths=()
  for file in "$@"; do
    paths+=("$logs/$file")
  done
  start_local_server --no-defaults "$datadir"
  "$BINLOG_BIN" --start-position="$from" --stop-position="$to" "${paths[@]}" |
    local_client --binary-mode ||
    die "replaying the binary logs failed"
  drop_local_admin
  stop_local_server
}

# engine_restore_unpack DEST DIR: a fetched backup's stream (DEST/data.xbstream) unpacked into DIR anew; the stream
# stays until the restore is done, so that an attempt cut short (a prepared or half-replayed DIR) starts over from it.
engine_restore_unpack() {
  rm -rf "$2"
  mkdir "$2"
  "$STREAM_BIN" -x -C "$2" <"$1/data.xbstream" || die "unpacking $1/data.xbstream failed"
}
