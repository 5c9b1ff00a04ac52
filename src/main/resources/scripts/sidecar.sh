#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Sidecar container "sidecar" (server image). Waits for the server over TCP, then
#   ordinal 0: creates or updates the replication and backup users, and the exporter's when it is on
#     (EXPORTER_PASSWORD set) (binary log on, so replicas get them); closes the binary log on time for the
#     archive while it runs (BINLOG_ROTATE_SECONDS set: rotate-binlogs.sh);
#   ordinal n>0: sets the replication, backup (and exporter) passwords of its Secret on the primary (a password
#     change reaches the replicas first), starts replication from the position the clone left, once
#     per clone, and brings the password and heartbeat period it replicates with up to date;
# and then serves clones to the next pod where the engine needs it to (engine_serve_clones).
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env MYSQL_PORT GOVERNING_SERVICE DATA_DIR REPLICATION_USER BACKUP_USER \
  CONNECT_RETRY_SECONDS CONNECT_RETRY_COUNT HEARTBEAT_PERIOD_SECONDS ROOT_PASSWORD REPLICATION_PASSWORD BACKUP_PASSWORD

# CREATE USER IF NOT EXISTS + ALTER USER + exactly the grants the account needs, on every start.
ensure_users() {
  # Replicas connect from their pod addresses; the backup user from where the engine's clone comes from.
  local replication backup
  replication="$(sql_quote "$REPLICATION_USER")@'%'"
  backup="$(sql_quote "$BACKUP_USER")@$(sql_quote "$BACKUP_USER_HOST")"
  {
    printf 'SET SESSION sql_log_bin = 1;\n'
    printf 'CREATE USER IF NOT EXISTS %s IDENTIFIED BY %s;\n' "$replication" "$(sql_quote "$REPLICATION_PASSWORD")"
    printf 'ALTER USER %s IDENTIFIED BY %s;\n' "$replication" "$(sql_quote "$REPLICATION_PASSWORD")"
    printf 'REVOKE ALL PRIVILEGES, GRANT OPTION FROM %s;\n' "$replication"
    printf 'GRANT REPLICATION SLAVE ON *.* TO %s;\n' "$replication"
    printf 'CREATE USER IF NOT EXISTS %s IDENTIFIED BY %s;\n' "$backup" "$(sql_quote "$BACKUP_PASSWORD")"
    printf 'ALTER USER %s IDENTIFIED BY %s;\n' "$backup" "$(sql_quote "$BACKUP_PASSWORD")"
    printf 'REVOKE ALL PRIVILEGES, GRANT OPTION FROM %s;\n' "$backup"
    engine_backup_grants "$backup"
    if [[ -n ${EXPORTER_PASSWORD:-} ]]; then
      exporter_user_sql
    fi
  } | run_sql
  log "users $replication and $backup are in place${EXPORTER_PASSWORD:+, and $(exporter_account)}"
}

exporter_account() {
  printf '%s@%s' "$(sql_quote "$EXPORTER_USER")" "$(sql_quote "$EXPORTER_HOST")"
}

# The exporter's account: what its default collectors read (SHOW GLOBAL STATUS and VARIABLES, SHOW
# REPLICA STATUS: REPLICATION CLIENT; information_schema.INNODB_CMP and INNODB_CMPMEM: PROCESS; in
# prometheus/mysqld_exporter v0.19.0's collector/), SELECT on performance_schema for its perf_schema
# collectors, and the engine's own grants; at most EXPORTER_MAX_CONNECTIONS connections at a time.
exporter_user_sql() {
  local exporter limit
  require_env EXPORTER_USER EXPORTER_HOST EXPORTER_MAX_CONNECTIONS
  exporter=$(exporter_account)
  limit="WITH MAX_USER_CONNECTIONS $EXPORTER_MAX_CONNECTIONS"
  printf 'CREATE USER IF NOT EXISTS %s IDENTIFIED BY %s %s;\n' "$exporter" "$(sql_quote "$EXPORTER_PASSWORD")" "$limit"
  printf 'ALTER USER %s IDENTIFIED BY %s %s;\n' "$exporter" "$(sql_quote "$EXPORTER_PASSWORD")" "$limit"
  printf 'REVOKE ALL PRIVILEGES, GRANT OPTION FROM %s;\n' "$exporter"
  printf 'GRANT PROCESS, REPLICATION CLIENT ON *.* TO %s;\n' "$exporter"
  printf 'GRANT SELECT ON performance_schema.* TO %s;\n' "$exporter"
  engine_exporter_grants "$exporter"
}

# The replication and backup users' passwords on the primary, from this pod's Secret. A password change
# rolls the pods highest ordinal first, the primary last: the first replica to start with the new
# passwords sets them on the primary (its binary log takes them to every pod), so that its own
# replication, and the next clone, work at once. Best effort: a primary that does not answer now gets
# them from its own sidecar when it starts.
set_passwords_on_primary() {
  local primary options out
  primary=$(peer_host 0)
  write_client_options options root "$ROOT_PASSWORD" "$primary"
  if out=$({
    printf 'SET SESSION sql_log_bin = 1;\n'
    printf 'ALTER USER %s@%s IDENTIFIED BY %s;\n' "$(sql_quote "$REPLICATION_USER")" "'%'" "$(sql_quote "$REPLICATION_PASSWORD")"
    printf 'ALTER USER %s@%s IDENTIFIED BY %s;\n' "$(sql_quote "$BACKUP_USER")" "$(sql_quote "$BACKUP_USER_HOST")" \
      "$(sql_quote "$BACKUP_PASSWORD")"
    # IF EXISTS: a rollout that turns the exporter on reaches the primary, which creates the user, last.
    if [[ -n ${EXPORTER_PASSWORD:-} ]]; then
      printf 'ALTER USER IF EXISTS %s IDENTIFIED BY %s;\n' "$(exporter_account)" "$(sql_quote "$EXPORTER_PASSWORD")"
    fi
  } | "$CLIENT_BIN" --defaults-extra-file="$options" --connect-timeout=5 --batch 2>&1); then
    log "the primary $primary has the replication${EXPORTER_PASSWORD:+, exporter} and backup passwords of this pod's Secret"
  else
    log "could not set the passwords on the primary $primary now (its own sidecar will): ${out//$'\n'/ }"
  fi
  rm -f "$options"
}

# A replica keeps the replication password in its source configuration: a changed Secret is applied
# there, and only then (a restarted sidecar otherwise leaves running replication alone).
refresh_source_password() {
  local stored
  stored=$(engine_source_password) || return 0
  if [[ $stored != "$REPLICATION_PASSWORD" ]]; then
    engine_source_password_sql "$REPLICATION_PASSWORD" | run_sql
    log "replication logs in with the replication password of this pod's Secret from now on"
  fi
}

# A replica set up before the heartbeat period was part of its set-up keeps the server's default (half the net
# timeout when it was set up): the period of this pod's environment is applied, and only when it differs.
refresh_source_heartbeat() {
  local stored
  stored=$(engine_source_heartbeat) || return 0
  if [[ $(printf '%.3f' "$stored") != "$(printf '%.3f' "$HEARTBEAT_PERIOD_SECONDS")" ]]; then
    engine_source_heartbeat_sql "$HEARTBEAT_PERIOD_SECONDS" | run_sql
    log "replication heartbeat period is ${HEARTBEAT_PERIOD_SECONDS}s from now on (was ${stored}s)"
  fi
}

# Says in the log, once per occurrence, when replication has stopped for good (the readiness probe
# keeps the pod out of the read Service meanwhile). Runs in the background for as long as the pod.
watch_replication() {
  local replica problem reported=
  while true; do
    if replica=$(show_replica_status 2>/dev/null) && problem=$(replication_stopped_for_good "$replica"); then
      [[ -n $reported ]] || log "ERROR: $problem"
      reported=yes
    else
      reported=
    fi
    sleep "$CONNECT_RETRY_SECONDS"
  done
}

# A few columns of SHOW REPLICA STATUS, for the log.
replica_status() {
  local status line field summary=
  status=$(sql_client --vertical <<<'SHOW REPLICA STATUS')
  while IFS= read -r line; do
    for field in "${REPLICA_STATUS_FIELDS[@]}"; do
      if [[ $line =~ ^[[:space:]]*${field}:[[:space:]]*(.*)$ ]]; then
        summary+="$field=${BASH_REMATCH[1]} "
      fi
    done
  done <<<"$status"
  printf '%s\n' "${summary:-not replicating}"
}

# The clone left the GTID position in REPLICATION_START_FILE; once replication is set up from it the
# file is renamed, so a restarted sidecar (or server) never sets it up again.
start_replication_once() {
  local start=$DATA_DIR/$REPLICATION_START_FILE gtid sql
  if [[ ! -f $start ]]; then
    log "replication was set up before, leaving it alone: $(replica_status)"
    return 0
  fi
  gtid=$(<"$start")
  sql=$(engine_replication_sql "$gtid")
  run_sql <<<"$sql"
  mv "$start" "$DATA_DIR/$REPLICATION_STARTED_FILE"
  log "replicating from $(peer_host 0):$MYSQL_PORT after GTID '${gtid:-as cloned}'"
}

ord=$(ordinal)
use_client_options root "$ROOT_PASSWORD"
wait_for_server
if ((ord == 0)); then
  ensure_users
else
  set_passwords_on_primary
  start_replication_once
  refresh_source_password
  refresh_source_heartbeat
fi

log "$STARTED_LINE"
if ((ord > 0)); then
  watch_replication &
else
  # The root option file goes now: the sidecar runs on for as long as the pod.
  rm -f "$CLIENT_OPTIONS"
  if [[ -n ${BINLOG_ROTATE_SECONDS:-} ]]; then
    bash "$CONFIG_DIR/rotate-binlogs.sh" &
  fi
fi
engine_serve_clones
