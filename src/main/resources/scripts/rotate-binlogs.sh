#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# rotate-binlogs.sh (server image; started by the sidecar on ordinal 0, the primary, while the binary log archive
# runs): every BINLOG_ROTATE_SECONDS, closes the open binary log file (FLUSH BINARY LOGS) when anything was written
# to it since the last look, so that a slow trickle of writes reaches the archive, which takes closed files only,
# within the RPO. An idle server keeps its file: nothing is flushed for nothing. Logs in as root through an option
# file that exists only for each look.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env BINLOG_ROTATE_SECONDS MYSQL_PORT ROOT_PASSWORD

# as_root SQL: the rows of SQL, run as root; the option file goes with the subshell.
as_root() (
  trap run_exit_actions EXIT
  use_client_options root "$ROOT_PASSWORD"
  run_sql <<<"$1"
)

# position: "FILE POSITION" of the open binary log file.
position() {
  as_root "$BINLOG_STATUS_SQL" | awk 'NR == 1 { print $1, $2 }'
}

log "closing the open binary log file every ${BINLOG_ROTATE_SECONDS}s when it has new events"
seen=
while sleep "$BINLOG_ROTATE_SECONDS"; do
  if ! now=$(position) || [[ -z $now ]]; then
    log "cannot read the binary log position; trying again in ${BINLOG_ROTATE_SECONDS}s"
    continue
  fi
  if [[ -n $seen && $now != "$seen" ]]; then
    if as_root 'FLUSH BINARY LOGS'; then
      now=$(position) || now=
      log "closed ${seen%% *}: new events since the last look; now writing ${now%% *}"
    else
      log "FLUSH BINARY LOGS failed; trying again in ${BINLOG_ROTATE_SECONDS}s"
    fi
  fi
  seen=$now
done
