#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# rotate-binlogs.sh (server image; started by the sidecar on ordinal 0, the primary, while the binary log archive
# runs): every BINLOG_ROTATE_SECONDS, closes the open binary log file (FLUSH BINARY LOGS) when a transaction was
# written since the last look, so that a slow trickle of writes reaches the archive, which takes closed files only,
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

# file: the open binary log file.
file() {
  as_root "$BINLOG_STATUS_SQL" | awk 'NR == 1 { print $1 }'
}

# written: the transactions in the binary log so far.
written() {
  as_root "$BINLOG_GTIDS_SQL"
}

log "closing the open binary log file every ${BINLOG_ROTATE_SECONDS}s when it has new transactions"
# Compared by the transactions written, read before each flush: one committed between the flush and a later read
# would count as seen, and, the last of a burst, stay in the open file until the next write. (A file position read
# after the flush did exactly that.) One committed between the read and the flush makes the next look flush again.
# Nothing is seen at the start: the open file may hold transactions an earlier run of this script never closed.
seen=
while sleep "$BINLOG_ROTATE_SECONDS"; do
  if ! now=$(written); then
    log "cannot read the binary log's transactions; trying again in ${BINLOG_ROTATE_SECONDS}s"
    continue
  fi
  if [[ $now != "$seen" ]]; then
    open=$(file) || open=
    if as_root 'FLUSH BINARY LOGS'; then
      log "closed ${open:-the open file}: new transactions since the last look"
    else
      log "FLUSH BINARY LOGS failed; trying again in ${BINLOG_ROTATE_SECONDS}s"
      continue
    fi
  fi
  seen=$now
done
