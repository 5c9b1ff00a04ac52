# shellcheck shell=bash
# MySQL (8.4 and 9.7 LTS; every container runs the server image mysql:<version>): every
# MySQL-specific line of the bootstrap. Mounted as engine.sh. Needs the helpers of common.sh.
# Statements both 8.4 and 9.7 accept only: none of the names removed in 8.4 (MASTER, SLAVE) appear.
# A clone is MySQL's CLONE INSTANCE: a short-lived local server pulls the donor's datadir over the
# MySQL port; the donor's own server serves it (clone plugin loaded on every pod by engine.cnf).

# The names below are used by the scripts that source this file.
# shellcheck disable=SC2034
SERVER_BIN=mysqld
CLIENT_BIN=mysql
ADMIN_BIN=mysqladmin

# The variable that makes a replica refuse writes, also from SUPER / CONNECTION_ADMIN users.
READ_ONLY_VARIABLE=super_read_only
# The open binary log file and position (8.4 renamed SHOW MASTER STATUS).
BINLOG_STATUS_SQL='SHOW BINARY LOG STATUS'
# The transactions the binary log holds: it changes with every one written, never with a rotation.
BINLOG_GTIDS_SQL='SELECT @@GLOBAL.gtid_executed'

# Last_IO_Errno of a replica whose source purged the binary logs it needs (the receiver wraps the
# source's error 1236 in ER_SERVER_SOURCE_FATAL_ERROR_READING_BINLOG).
PURGED_POSITION_ERRNOS=(13114)

# Columns of SHOW REPLICA STATUS worth a log line.
REPLICA_STATUS_FIELDS=(Source_Host Replica_IO_Running Replica_SQL_Running Executed_Gtid_Set Last_IO_Error Last_SQL_Error)

# Columns of SHOW REPLICA STATUS the readiness probe reads (replica_unfit_for_reads). The lag: since 8.0 the
# replica computes Seconds_Behind_Source from the commit timestamps each transaction carries (original and
# immediate commit timestamp), as the replica's clock now minus the commit time on the source of the transaction
# being applied; 0 when the applier has applied everything received, NULL when a thread is not running. It only
# knows what the receiver has received: a connection that died without a word would read 0 while the source
# writes on, which is why engine_replication_sql sets a heartbeat and engine_server_cnf a short replica_net_timeout.
REPLICA_IO_COLUMN=Replica_IO_Running
REPLICA_SQL_COLUMN=Replica_SQL_Running
REPLICA_LAG_COLUMN=Seconds_Behind_Source

# Files of the donor a clone must not keep: its server UUID (CLONE does not copy it; listed in case
# a datadir copied by other means is ever marked). Replica configuration lives in tables and is
# reset by engine_replication_sql.
CLONE_DISCARD_FILES=(auto.cnf)

# The clone's recipient connects to the donor's server as the backup user from its pod's address.
BACKUP_USER_HOST=%

DONOR_OPTIONS=

# engine_server_cnf: server options only MySQL understands, for every role. The clone plugin on
# every pod: any pod can be a donor, and CLONE needs the same plugins on both sides. A replica that hears nothing
# from its source (no event, no heartbeat) for REPLICA_NET_TIMEOUT_SECONDS drops the connection and reconnects (the
# receiver shows Connecting meanwhile, and the readiness probe fails) instead of the default 60 s.
engine_server_cnf() {
  printf '[mysqld]\n'
  printf 'gtid_mode=ON\n'
  printf 'enforce_gtid_consistency=ON\n'
  printf 'plugin_load_add=mysql_clone.so\n'
  printf 'replica_net_timeout=%s\n' "$REPLICA_NET_TIMEOUT_SECONDS"
}

# engine_backup_grants ACCOUNT: what a clone recipient needs on the donor (BACKUP_ADMIN).
engine_backup_grants() {
  printf 'GRANT BACKUP_ADMIN ON *.* TO %s;\n' "$1"
}

# engine_exporter_grants ACCOUNT: nothing beyond the common grants (REPLICATION CLIENT covers SHOW
# REPLICA STATUS).
engine_exporter_grants() {
  :
}

# The donor's port a clone comes from: its server's.
engine_clone_port() {
  printf '%s\n' "$MYSQL_PORT"
}

# engine_initialise_datadir DIR: system tables in a new DIR with the pod's configuration, and the initial accounts
# (initial_accounts_sql) from the --init-file of that same bootstrap run, which stops at the first statement that
# fails: no local server is started and shut down for them (about 4.5 s).
engine_initialise_datadir() {
  local accounts
  private_file accounts accounts-sql
  initial_accounts_sql >"$accounts"
  "$SERVER_BIN" --initialize-insecure --datadir="$1" --log-error="$LOCAL_LOG" --init-file="$accounts" ||
    die "cannot initialise $1 with its accounts: $(local_log_tail)"
}

# Accounts --initialize-insecure leaves besides root@localhost: MySQL's locked system accounts only.
engine_initial_cleanup_sql() {
  :
}

engine_root_grants_sql() {
  :
}

# The clone's recipient is mysqld's own bootstrap: --initialize-insecure on a throw-away datadir in /tmp (an
# emptyDir) with an --init-file that loads the clone plugin, makes DONOR:MYSQL_PORT the only valid donor, runs
# CLONE INSTANCE ... DATA DIRECTORY and then writes CLONE_DONE. The bootstrap stops at the first statement that fails
# (exit 1, the error in its log), so CLONE_DONE exists only once the clone has returned, synced; the recipient is then
# killed instead of waiting over a second for its shutdown. No local server is started, polled or shut down as
# before (that took ~4 s of every clone), and nothing of the recipient's datadir outlives the clone: no
# performance_schema, binary log or certificates.
CLONE_RECIPIENT=/tmp/clone-recipient
CLONE_DONE=/tmp/clone-recipient.done
CLONE_SQL=

# engine_clone_begin DONOR: the option file to reach the donor as the backup user, the file for the clone's SQL.
engine_clone_begin() {
  local donor=$1
  require_env BACKUP_USER BACKUP_PASSWORD CLONE_MEMORY_MIB
  write_client_options DONOR_OPTIONS "$BACKUP_USER" "$BACKUP_PASSWORD" "$donor"
  private_file CLONE_SQL clone-sql
  at_exit rm -rf "$CLONE_RECIPIENT" "$CLONE_DONE"
}

# server_version: the version of this image's mysqld ("mysqld  Ver 9.7.4 for Linux ...").
server_version() {
  "$SERVER_BIN" --version | sed -n 's/.* Ver \([^ ]*\).*/\1/p'
}

# clone_sql DONOR DIR: what the recipient runs, the backup user's password included (hence the mode-600 file).
clone_sql() {
  printf "INSTALL PLUGIN clone SONAME 'mysql_clone.so';\n"
  printf 'SET GLOBAL clone_valid_donor_list = %s;\n' "$(sql_quote "$1:$MYSQL_PORT")"
  printf 'CLONE INSTANCE FROM %s@%s:%s IDENTIFIED BY %s DATA DIRECTORY = %s;\n' \
    "$(sql_quote "$BACKUP_USER")" "$(sql_quote "$1")" "$MYSQL_PORT" "$(sql_quote "$BACKUP_PASSWORD")" "$(sql_quote "$2")"
  printf "SELECT 'cloned' INTO OUTFILE %s;\n" "$(sql_quote "$CLONE_DONE")"
}

# start_clone_recipient DONOR DIR: starts the recipient in the background (its pid in RECIPIENT), on the SQL of
# clone_sql. It reaches that SQL only after making its system tables (~2 s); the donor is asked meanwhile.
RECIPIENT=
start_clone_recipient() {
  clone_sql "$1" "$2" >"$CLONE_SQL"
  rm -rf "$CLONE_RECIPIENT" "$LOCAL_LOG" "$CLONE_DONE"
  "$SERVER_BIN" --no-defaults --initialize-insecure --datadir="$CLONE_RECIPIENT" --log-error="$LOCAL_LOG" \
    --init-file="$CLONE_SQL" --innodb-buffer-pool-size="${CLONE_MEMORY_MIB}M" --performance-schema=OFF --skip-log-bin \
    --auto-generate-certs=OFF --sha256-password-auto-generate-rsa-keys=OFF \
    --caching-sha2-password-auto-generate-rsa-keys=OFF &
  RECIPIENT=$!
}

# stop_clone_recipient: kills the recipient (it has nothing worth a clean shutdown) and reaps it.
stop_clone_recipient() {
  kill -KILL "$RECIPIENT" 2>/dev/null || true
  wait "$RECIPIENT" 2>/dev/null || true
}

# engine_clone_receive DONOR DIR: one attempt: CLONE INSTANCE from DONOR into DIR, or no DIR. A donor
# that answers but cannot serve this recipient (another release series, no clone plugin) ends the
# clone with an error naming both versions; retrying would not help.
engine_clone_receive() {
  local donor=$1 dir=$2 answer donor_version donor_plugin local_version error
  rm -rf "$dir"
  start_clone_recipient "$donor" "$dir"
  if ! answer=$(timeout $((2 * CLONE_RETRY_SECONDS)) "$CLIENT_BIN" --defaults-extra-file="$DONOR_OPTIONS" \
    --connect-timeout="$CLONE_RETRY_SECONDS" --batch --skip-column-names \
    -e "SELECT @@version, IFNULL((SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'clone'), 'absent')" 2>&1); then
    stop_clone_recipient
    log "the donor $donor:$MYSQL_PORT does not answer: ${answer//$'\n'/ }"
    return 1
  fi
  read -r donor_version donor_plugin <<<"$answer"
  local_version=$(server_version)
  log "the donor $donor runs MySQL $donor_version (clone plugin $donor_plugin); this pod's image runs MySQL $local_version"
  if [[ $donor_plugin != ACTIVE ]]; then
    stop_clone_recipient
    die "the donor $donor (MySQL $donor_version) has no active clone plugin ($donor_plugin), this pod (MySQL $local_version) needs it: every pod of this cluster loads it from engine.cnf; restart the donor with the cluster's configuration"
  fi
  while [[ ! -e $CLONE_DONE ]] && kill -0 "$RECIPIENT" 2>/dev/null; do
    sleep 0.05
  done
  stop_clone_recipient
  if [[ ! -e $CLONE_DONE ]]; then
    error=$(grep -m 1 '\[ERROR\]' "$LOCAL_LOG" | sed 's/^.*\[ERROR\] \[[^]]*\] \[[^]]*\] *//')
    rm -rf "$dir" "$CLONE_RECIPIENT"
    if [[ $error == *Donor* && ($error == *[Vv]ersion* || $error == *[Pp]lugin*) ]]; then
      die "the donor $donor refused the clone: $error (donor MySQL $donor_version, this pod MySQL $local_version: CLONE needs the same release series and plugins on both)"
    fi
    log "the clone from $donor failed: ${error:-$(local_log_tail)}"
    return 1
  fi
  rm -rf "$CLONE_RECIPIENT" "$CLONE_DONE"
}

# engine_clone_finish DIR: the clone is consistent as received (no prepare step) and on disk: CLONE INSTANCE
# returns only after its FILE SYNC stage; the recipient, and with it the last connection to the donor, is gone.
engine_clone_finish() {
  [[ -f $1/mysql.ibd ]] || { log "the clone in $1 has no mysql.ibd"; return 1; }
}

# engine_clone_position DIR: nothing to hand over: the cloned data carries its own gtid_executed
# (a clone into a directory records no position in clone_status), and replication auto-positions.
engine_clone_position() {
  printf '\n'
}

# engine_replication_sql GTID: SQL that makes this server replicate from the primary with GTID auto
# positioning; an idle source sends a heartbeat every HEARTBEAT_PERIOD_SECONDS (see engine_server_cnf).
# gtid_purged is set only to a given GTID and while the server has executed nothing;
# auto positioning never moves a running replica back, so a repeated run is harmless.
engine_replication_sql() {
  local gtid=$1 executed
  executed=$(sql_value 'SELECT @@GLOBAL.gtid_executed') || return 1
  printf 'STOP REPLICA;\nRESET REPLICA ALL;\n'
  if [[ -z $executed && -n $gtid ]]; then
    printf 'SET GLOBAL gtid_purged = %s;\n' "$(sql_quote "$gtid")"
  fi
  printf 'CHANGE REPLICATION SOURCE TO SOURCE_HOST = %s, SOURCE_PORT = %s, SOURCE_USER = %s, SOURCE_PASSWORD = %s, SOURCE_AUTO_POSITION = 1, GET_SOURCE_PUBLIC_KEY = 1, SOURCE_CONNECT_RETRY = %s, SOURCE_RETRY_COUNT = %s, SOURCE_HEARTBEAT_PERIOD = %s;\n' \
    "$(sql_quote "$(peer_host 0)")" "$MYSQL_PORT" "$(sql_quote "$REPLICATION_USER")" \
    "$(sql_quote "$REPLICATION_PASSWORD")" "$CONNECT_RETRY_SECONDS" "$CONNECT_RETRY_COUNT" "$HEARTBEAT_PERIOD_SECONDS"
  printf 'START REPLICA;\n'
}

# engine_source_password: the password replication logs in to the source with (stored in a table).
engine_source_password() {
  local password
  password=$(sql_client --skip-column-names --raw <<<"SELECT User_password FROM mysql.slave_master_info WHERE Channel_name = ''") || return 1
  [[ -n $password ]] || return 1
  printf '%s\n' "$password"
}

# engine_source_password_sql PASSWORD: SQL that makes replication log in with PASSWORD from now on;
# only the receiver stops, the applier and the position are untouched (auto positioning).
engine_source_password_sql() {
  printf 'STOP REPLICA IO_THREAD;\nCHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = %s;\nSTART REPLICA IO_THREAD;\n' \
    "$(sql_quote "$1")"
}

# engine_source_heartbeat: the heartbeat period replication was set up with; fails when it is not set up.
engine_source_heartbeat() {
  local period
  period=$(sql_value "SELECT HEARTBEAT_INTERVAL FROM performance_schema.replication_connection_configuration WHERE CHANNEL_NAME = ''") || return 1
  [[ -n $period ]] || return 1
  printf '%s\n' "$period"
}

# engine_source_heartbeat_sql SECONDS: SQL that sets the heartbeat period of running replication; only the
# receiver stops.
engine_source_heartbeat_sql() {
  printf 'STOP REPLICA IO_THREAD;\nCHANGE REPLICATION SOURCE TO SOURCE_HEARTBEAT_PERIOD = %s;\nSTART REPLICA IO_THREAD;\n' "$1"
}

# engine_serve_clones: the server itself serves clones; the sidecar has nothing more to do.
engine_serve_clones() {
  log "clones are served by the server itself (CLONE plugin on port $MYSQL_PORT)"
  while true; do
    sleep 3600 &
    wait $! || true
  done
}

# engine_replay_binlogs DATADIR LOGS_DIR LAST FROM TO FILE...: the FILEs (archived binary logs in LOGS_DIR, in order)
# applied to DATADIR through the transaction LAST. The image has no mysqlbinlog: the files become the relay log of a
# local server whose applier runs until LAST (START REPLICA SQL_THREAD UNTIL SQL_AFTER_GTIDS). Transactions the
# datadir already holds are skipped by their GTIDs, so each file is read from its start (FROM and TO are for the
# engines without that). The server gets a server_id no pod has: an applier skips events of its own server_id.
engine_replay_binlogs() {
  local datadir=$1 logs=$2 last=$3 i=0 relay state error
  shift 5
  # a backup taken from a replica comes with its channel: gone first, with its relay logs
  start_local_server --no-defaults "$datadir" --skip-replica-start
  local_sql <<<'RESET REPLICA ALL' >/dev/null
  stop_local_server
  : >"$datadir/restore-relay.index"
  for file in "$@"; do
    i=$((i + 1))
    printf -v relay 'restore-relay.%06d' "$i"
    cp "$logs/$file" "$datadir/$relay"
    printf './%s\n' "$relay" >>"$datadir/restore-relay.index"
  done
  start_local_server --no-defaults "$datadir" --server-id=4294967295 --relay-log=restore-relay \
    --relay-log-index=restore-relay.index --skip-replica-start --relay-log-recovery=OFF
  local_sql <<SQL
CHANGE REPLICATION SOURCE TO RELAY_LOG_FILE='restore-relay.000001', RELAY_LOG_POS=4, SOURCE_HOST='restore.invalid';
START REPLICA SQL_THREAD UNTIL SQL_AFTER_GTIDS='$last';
SQL
  while :; do
    state=$(local_sql <<<'SELECT SERVICE_STATE FROM performance_schema.replication_applier_status')
    [[ $state == ON ]] || break
    sleep "$POLL_SECONDS"
  done
  error=$(local_sql <<<"SELECT CONCAT(LAST_ERROR_NUMBER, ' ', LAST_ERROR_MESSAGE) FROM performance_schema.replication_applier_status_by_coordinator WHERE LAST_ERROR_NUMBER <> 0 UNION ALL SELECT CONCAT(LAST_ERROR_NUMBER, ' ', LAST_ERROR_MESSAGE) FROM performance_schema.replication_applier_status_by_worker WHERE LAST_ERROR_NUMBER <> 0")
  [[ -z $error ]] || die "replaying the binary logs failed: $error"
  [[ $(local_sql <<<"SELECT GTID_SUBSET('$last', @@GLOBAL.gtid_executed)") == 1 ]] ||
    die "the replay stopped before $last: $(local_sql <<<'SELECT @@GLOBAL.gtid_executed')"
  local_sql <<<'RESET REPLICA ALL' >/dev/null
  drop_local_admin
  stop_local_server
  rm -f "$datadir"/restore-relay.*
}

# engine_restore_unpack DEST DIR: a fetched backup's datadir (restore-fetch.sh unpacked MySQL's tar into DEST/data)
# moved to DIR. An attempt cut short goes on with the DIR it left: the replay skips what it holds by GTID.
engine_restore_unpack() {
  if [[ -d $1/data ]]; then
    rm -rf "$2"
    mv -T "$1/data" "$2"
  fi
  [[ -d $2 ]] || die "neither $1/data nor $2: fetch the backup again (restore-fetch.sh)"
}
