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

# engine_initialise_datadir DIR: system tables in a new DIR, root@localhost without a password
# (the local server then gives it one), with the pod's configuration.
engine_initialise_datadir() {
  "$SERVER_BIN" --initialize-insecure --datadir="$1" --log-error="$LOCAL_LOG" ||
    die "cannot initialise $1: $(local_log_tail)"
}

# Accounts --initialize-insecure leaves besides root@localhost: MySQL's locked system accounts only.
engine_initial_cleanup_sql() {
  :
}

engine_root_grants_sql() {
  :
}

# engine_clone_begin DONOR: initialises and starts the local recipient server in /tmp (an emptyDir):
# no network, DONOR:MYSQL_PORT its only valid donor, a buffer pool of CLONE_MEMORY_MIB.
engine_clone_begin() {
  local donor=$1 recipient=/tmp/clone-recipient
  require_env BACKUP_USER BACKUP_PASSWORD CLONE_MEMORY_MIB
  DONOR_OPTIONS=$(write_client_options "$BACKUP_USER" "$BACKUP_PASSWORD" "$donor")
  at_exit rm -f "$DONOR_OPTIONS"
  rm -rf "$recipient"
  at_exit rm -rf "$recipient"
  "$SERVER_BIN" --no-defaults --initialize-insecure --datadir="$recipient" --log-error="$LOCAL_LOG" ||
    die "cannot initialise the local server that receives the clone: $(local_log_tail)"
  start_local_server --no-defaults "$recipient" --max-connections=10 --innodb-buffer-pool-size="${CLONE_MEMORY_MIB}M" \
    --plugin-load-add=mysql_clone.so --clone-valid-donor-list="$donor:$MYSQL_PORT"
  log "local server MySQL $(local_sql <<<'SELECT @@version') is up to receive the clone"
}

# engine_clone_receive DONOR DIR: one attempt: CLONE INSTANCE from DONOR into DIR, or no DIR. A donor
# that answers but cannot serve this recipient (another release series, no clone plugin) ends the
# clone with an error naming both versions; retrying would not help.
engine_clone_receive() {
  local donor=$1 dir=$2 answer donor_version donor_plugin local_version out
  rm -rf "$dir"
  if ! answer=$(timeout $((2 * CLONE_RETRY_SECONDS)) "$CLIENT_BIN" --defaults-extra-file="$DONOR_OPTIONS" \
    --connect-timeout="$CLONE_RETRY_SECONDS" --batch --skip-column-names \
    -e "SELECT @@version, IFNULL((SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'clone'), 'absent')" 2>&1); then
    log "the donor $donor:$MYSQL_PORT does not answer: ${answer//$'\n'/ }"
    return 1
  fi
  read -r donor_version donor_plugin <<<"$answer"
  local_version=$(local_sql <<<'SELECT @@version')
  log "the donor $donor runs MySQL $donor_version (clone plugin $donor_plugin); this pod's image runs MySQL $local_version"
  [[ $donor_plugin == ACTIVE ]] ||
    die "the donor $donor (MySQL $donor_version) has no active clone plugin ($donor_plugin), this pod (MySQL $local_version) needs it: every pod of this cluster loads it from engine.cnf; restart the donor with the cluster's configuration"
  if ! out=$(printf 'CLONE INSTANCE FROM %s@%s:%s IDENTIFIED BY %s DATA DIRECTORY = %s;\n' \
    "$(sql_quote "$BACKUP_USER")" "$(sql_quote "$donor")" "$MYSQL_PORT" "$(sql_quote "$BACKUP_PASSWORD")" \
    "$(sql_quote "$dir")" | local_sql 2>&1); then
    rm -rf "$dir"
    if [[ $out == *[Vv]ersion* || $out == *[Pp]lugin* ]]; then
      die "the donor $donor refused the clone: ${out//$'\n'/ } (donor MySQL $donor_version, this pod MySQL $local_version: CLONE needs the same release series and plugins on both)"
    fi
    log "the clone from $donor failed: ${out//$'\n'/ }"
    return 1
  fi
}

# engine_clone_finish DIR: the clone is consistent as received (no prepare step): stops the local
# server, and with it the last connection to the donor.
engine_clone_finish() {
  local state
  state=$(local_sql <<<'SELECT STATE FROM performance_schema.clone_status') || return 1
  [[ $state == Completed ]] || { log "the clone's state is '$state', not Completed"; return 1; }
  stop_local_server
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
