#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Sidecar container "sidecar" (backup image). Waits for the server over TCP, then
#   ordinal 0: creates or updates the replication and backup users (binary log on, so replicas get them);
#   ordinal n>0: starts replication from the position the clone left, once per clone;
# and then serves backups to the next pod on CLONE_PORT (serve-backup.sh, one at a time).
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env MYSQL_PORT CLONE_PORT GOVERNING_SERVICE DATA_DIR REPLICATION_USER BACKUP_USER \
  CONNECT_RETRY_SECONDS CONNECT_RETRY_COUNT ROOT_PASSWORD REPLICATION_PASSWORD BACKUP_PASSWORD

# CREATE USER IF NOT EXISTS + ALTER USER + exactly the grants the account needs, on every start.
ensure_users() {
  # Replicas connect from their pod addresses; the backup tool from the sidecar over TCP 127.0.0.1.
  local replication backup
  replication="$(sql_quote "$REPLICATION_USER")@'%'"
  backup="$(sql_quote "$BACKUP_USER")@'127.0.0.1'"
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
  } | run_sql
  log "users $replication and $backup are in place"
}

# A few columns of SHOW REPLICA STATUS, for the log.
replica_status() {
  local status line field summary=
  status=$(printf 'SHOW REPLICA STATUS\\G\n' | sql_client)
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
  log "replicating from $(peer_host 0):$MYSQL_PORT after GTID '$gtid'"
}

ord=$(ordinal)
use_client_options root "$ROOT_PASSWORD"
wait_for_server
if ((ord == 0)); then
  ensure_users
else
  start_replication_once
fi

# exec ends this shell: the root option file goes now, not at exit.
rm -f "$CLIENT_OPTIONS"
log "serving backups on port $CLONE_PORT"
# One connection at a time; nofork hands the connection itself to serve-backup.sh as its stdout, so the backup
# tool writes straight to the socket instead of through a relaying socat (one copy less on a busy donor).
exec socat -U "TCP-LISTEN:$CLONE_PORT,reuseaddr,fork,max-children=1" "EXEC:bash $CONFIG_DIR/serve-backup.sh,nofork"
