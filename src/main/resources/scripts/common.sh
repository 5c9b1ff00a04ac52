# shellcheck shell=bash
# Helpers shared by every bootstrap script. Sourced, never executed:
#   source "$CONFIG_DIR/common.sh"; source "$CONFIG_DIR/engine.sh"
# Names and numbers come from the pod's environment (set once in PodLayout/ScriptEnv); this file only
# holds the names of the files the scripts leave for each other in the data volume.

# Used by the scripts that source this file:
# shellcheck disable=SC2034
# In the datadir: written by clone.sh after a successful --prepare (nothing without it is trusted),
# and the GTID position the replica starts from (renamed once the sidecar has used it).
CLONE_MARKER=.clone-complete
REPLICATION_START_FILE=.replication-start
REPLICATION_STARTED_FILE=.replication-started
# Last entry of a backup stream, sent by serve-backup.sh only after the backup tool exited 0.
# (mbstream refuses names that start with a dot.)
STREAM_END_FILE=clone-stream-end

SCRIPT_NAME=$(basename "${BASH_SOURCE[-1]}" .sh)

# The scripts run as PID 1 of their container, where SIGTERM without a handler is ignored: the kubelet
# would wait out the whole grace period. Exit instead (EXIT traps still run).
trap 'exit 143' TERM

log() {
  printf '%s [%s %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SCRIPT_NAME" "${HOSTNAME:-?}" "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

# require_env VAR...: every variable must be set and non-empty. Passwords come from the
# cluster's Secret: VAR_NAME_PASSWORD is the Secret key var-name-password (ROOT_PASSWORD <- root-password).
require_env() {
  local var key
  for var in "$@"; do
    if [[ -z ${!var:-} ]]; then
      if [[ $var == *_PASSWORD ]]; then
        key=${var,,}
        key=${key//_/-}
        die "environment variable $var is missing or empty: set key '$key' in the cluster's Secret"
      fi
      die "environment variable $var is missing or empty (it is set in the StatefulSet's pod template)"
    fi
  done
}

# The pod's ordinal, from HOSTNAME (<statefulset>-<ordinal>).
ordinal() {
  [[ ${HOSTNAME:-} =~ -([0-9]+)$ ]] || die "HOSTNAME '${HOSTNAME:-}' does not end in -<ordinal>"
  printf '%s\n' "${BASH_REMATCH[1]}"
}

statefulset_name() {
  printf '%s\n' "${HOSTNAME%-*}"
}

# DNS name of pod <ordinal> behind the governing Service.
peer_host() {
  printf '%s-%s.%s\n' "$(statefulset_name)" "$1" "$GOVERNING_SERVICE"
}

# A value for an option file: double-quoted, with backslashes and newlines escaped.
option_quote() {
  local s=${1//\\/\\\\}
  s=${s//$'\n'/\\n}
  printf '"%s"' "$s"
}

# A single-quoted SQL string literal.
sql_quote() {
  local s=${1//\\/\\\\}
  s=${s//\'/\'\'}
  printf "'%s'" "$s"
}

# write_client_options USER PASSWORD: writes a mode-600 option file under /tmp for TCP
# 127.0.0.1:$MYSQL_PORT and prints its path. Passwords never go on a command line.
write_client_options() {
  local file
  file=$(mktemp /tmp/client-options.XXXXXX) || die "cannot create an option file under /tmp"
  chmod 600 "$file"
  {
    printf '[client]\n'
    printf 'user=%s\n' "$(option_quote "$1")"
    printf 'password=%s\n' "$(option_quote "$2")"
    printf 'host=127.0.0.1\n'
    printf 'port=%s\n' "$MYSQL_PORT"
  } >"$file"
  printf '%s\n' "$file"
}

# Client options for the SQL helpers below; set by use_client_options.
CLIENT_OPTIONS=

# use_client_options USER PASSWORD: the SQL helpers connect as USER from now on; the file is
# removed when the script exits.
use_client_options() {
  CLIENT_OPTIONS=$(write_client_options "$1" "$2")
  trap 'rm -f "$CLIENT_OPTIONS"' EXIT
}

# sql_client [OPTION...]: the client in batch mode, as the user given to use_client_options.
sql_client() {
  "$CLIENT_BIN" --defaults-extra-file="$CLIENT_OPTIONS" --connect-timeout=5 --batch "$@"
}

# run_sql: runs the SQL on stdin; prints the rows without column names.
run_sql() {
  sql_client --skip-column-names
}

# sql_value QUERY: prints the single value the query returns.
sql_value() {
  printf '%s\n' "$1" | run_sql
}

# wait_for_server: waits until an authenticated SELECT 1 over TCP succeeds. No bound: the
# server may take long to recover a large datadir; the log says every minute that we still wait.
wait_for_server() {
  local waited=0 out
  until out=$(sql_value 'SELECT 1' 2>&1) && [[ $out == 1 ]]; do
    if ((waited % 30 == 0)); then
      log "waiting for the server on 127.0.0.1:$MYSQL_PORT (${waited}s): ${out//$'\n'/ }"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "server is up on 127.0.0.1:$MYSQL_PORT"
}

# retry ATTEMPTS DELAY COMMAND...: runs COMMAND until it succeeds, at most ATTEMPTS times,
# sleeping DELAY seconds between attempts. Returns the last status.
retry() {
  local attempts=$1 delay=$2 attempt=1 status
  shift 2
  while true; do
    "$@" && return 0
    status=$?
    if ((attempt >= attempts)); then
      return "$status"
    fi
    log "attempt $attempt/$attempts of '$1' failed (status $status); again in ${delay}s"
    sleep "$delay"
    attempt=$((attempt + 1))
  done
}

# gtid_from_binlog_info FILE: the GTID set in a backup's binlog info file
# ("<binlog file> <position> <GTID set>", the set possibly spread over several lines).
gtid_from_binlog_info() {
  local file position gtid=
  read -r -d '' file position gtid <"$1" || true
  [[ -n $file && -n $position ]] || return 1
  printf '%s\n' "${gtid//[[:space:]]/}"
}
