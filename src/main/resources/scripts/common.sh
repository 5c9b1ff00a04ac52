# shellcheck shell=bash
# Helpers shared by every bootstrap script. Sourced, never executed:
#   source "$CONFIG_DIR/common.sh"; source "$CONFIG_DIR/engine.sh"
# Names and numbers come from the pod's environment (set once in PodLayout/ScriptEnv); this file holds
# the names of the files the scripts leave for each other in the data volume, and the helpers.

# Used by the scripts that source this file:
# shellcheck disable=SC2034
# In the datadir: written by clone.sh after a successful --prepare (nothing without it is trusted),
# and the GTID position the replica starts from (renamed once the sidecar has used it).
CLONE_MARKER=.clone-complete
# In pod 0's datadir: written by clone.sh once it has initialised the datadir and its accounts.
INIT_MARKER=.init-complete
REPLICATION_START_FILE=.replication-start
REPLICATION_STARTED_FILE=.replication-started
# Last entry of a backup stream, sent by serve-backup.sh only after the backup tool exited 0.
# (mbstream refuses names that start with a dot.)
STREAM_END_FILE=clone-stream-end
# The sidecar's log line once its start-up work (users, replication) is done.
STARTED_LINE="start-up work done"

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

# Commands run when the script exits, last registered first (one EXIT trap for every helper).
EXIT_ACTIONS=()
run_exit_actions() {
  local i
  for ((i = ${#EXIT_ACTIONS[@]} - 1; i >= 0; i--)); do
    eval "${EXIT_ACTIONS[i]}" || true
  done
}
trap run_exit_actions EXIT

# at_exit COMMAND [ARG...]: runs the command (its arguments as they are now) when the script exits.
at_exit() {
  EXIT_ACTIONS+=("$(printf '%q ' "$@")")
}

# private_file VAR PREFIX: creates an empty file /tmp/PREFIX.XXXXXX that only this user can read, stores its
# path in VAR and removes it when the script exits. Call it in the script's own shell, not in $(...),
# or the removal is lost.
private_file() {
  local path
  path=$(mktemp "/tmp/$2.XXXXXX") || die "cannot create a file under /tmp"
  chmod 600 "$path"
  at_exit rm -f "$path"
  printf -v "$1" '%s' "$path"
}

# write_client_options VAR USER PASSWORD [HOST]: a private file (see private_file) of client options
# for TCP HOST:$MYSQL_PORT (default 127.0.0.1, this pod's server), its path in VAR. Passwords never go
# on a command line.
write_client_options() {
  private_file "$1" client-options
  {
    printf '[client]\n'
    printf 'user=%s\n' "$(option_quote "$2")"
    printf 'password=%s\n' "$(option_quote "$3")"
    printf 'host=%s\n' "${4:-127.0.0.1}"
    printf 'port=%s\n' "$MYSQL_PORT"
  } >"${!1}"
}

# Client options for the SQL helpers below; set by use_client_options.
CLIENT_OPTIONS=

# use_client_options USER PASSWORD: the SQL helpers connect as USER from now on.
use_client_options() {
  write_client_options CLIENT_OPTIONS "$1" "$2"
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

# How often a script asks again while it waits for a server to come up: a connection attempt is cheap, and
# every pod start waits on one.
POLL_SECONDS=0.2

# wait_for_server: waits until an authenticated SELECT 1 over TCP succeeds. No bound: the
# server may take long to recover a large datadir; the log says every 30 s that we still wait.
wait_for_server() {
  local start=$SECONDS next_log=0 out
  until out=$(sql_value 'SELECT 1' 2>&1) && [[ $out == 1 ]]; do
    if ((SECONDS - start >= next_log)); then
      log "waiting for the server on 127.0.0.1:$MYSQL_PORT ($((SECONDS - start))s): ${out//$'\n'/ }"
      next_log=$((next_log + 30))
    fi
    sleep "$POLL_SECONDS"
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

# A short-lived server of this container's own, without networking (root logs in over its socket
# with no password): to initialise a datadir, or to receive a clone.
LOCAL_SOCKET=/tmp/local-server.sock
LOCAL_LOG=/tmp/local-server.log
LOCAL_PID=

# local_client [OPTION...]: the client of the local server, as its root, or as the local administrator after
# use_local_admin.
local_client() {
  if [[ -n $LOCAL_OPTIONS ]]; then
    "$CLIENT_BIN" --defaults-file="$LOCAL_OPTIONS" --socket="$LOCAL_SOCKET" "$@"
  else
    "$CLIENT_BIN" --no-defaults --socket="$LOCAL_SOCKET" --user=root "$@"
  fi
}

# local_sql: SQL on stdin, run on the local server (local_client); prints the rows without column names.
local_sql() {
  local_client --batch --skip-column-names
}

# The local server's temporary administrator, for a datadir whose passwords this pod need not know (a restored
# backup's are its old cluster's).
LOCAL_ADMIN=mysql-cluster-local
LOCAL_OPTIONS=
LOCAL_INIT_FILE=

# use_local_admin: from now on start_local_server makes LOCAL_ADMIN@localhost with a new random password, with all
# rights, from an init file (the binary log is off: it goes nowhere), and local_sql logs in as it;
# drop_local_admin removes it again. The password lives in two mode-600 files removed on exit.
use_local_admin() {
  local password
  password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  write_client_options LOCAL_OPTIONS "$LOCAL_ADMIN" "$password" localhost
  private_file LOCAL_INIT_FILE local-init
  printf "CREATE USER IF NOT EXISTS '%s'@'localhost' IDENTIFIED BY '%s';\nALTER USER '%s'@'localhost' IDENTIFIED BY '%s';\nGRANT ALL ON *.* TO '%s'@'localhost' WITH GRANT OPTION;\n" \
    "$LOCAL_ADMIN" "$password" "$LOCAL_ADMIN" "$password" "$LOCAL_ADMIN" >"$LOCAL_INIT_FILE"
}

# drop_local_admin: removes the local administrator from the running local server.
drop_local_admin() {
  local_sql <<<"DROP USER IF EXISTS '$LOCAL_ADMIN'@'localhost'"
}

local_log_tail() {
  tail -n 5 "$LOCAL_LOG" 2>/dev/null | tr '\n' ' '
}

# start_local_server [--no-defaults] DATADIR [OPTION...]: starts the server on DATADIR (with the pod's
# configuration unless --no-defaults), binary log off; waits until its root can log in (at most 120s).
start_local_server() {
  local -a defaults=()
  if [[ $1 == --no-defaults ]]; then
    defaults=(--no-defaults)
    shift
  fi
  local datadir=$1 start=$SECONDS
  shift
  rm -f "$LOCAL_SOCKET" "$LOCAL_LOG"
  "$SERVER_BIN" "${defaults[@]}" --datadir="$datadir" --socket="$LOCAL_SOCKET" --pid-file="$LOCAL_SOCKET.pid" \
    --skip-networking --skip-log-bin --loose-mysqlx=OFF --log-error="$LOCAL_LOG" \
    ${LOCAL_INIT_FILE:+--init-file="$LOCAL_INIT_FILE"} "$@" &
  LOCAL_PID=$!
  at_exit stop_local_server
  while ((SECONDS - start < 120)); do
    if local_sql <<<'SELECT 1' >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$LOCAL_PID" 2>/dev/null || die "the local server on $datadir stopped: $(local_log_tail)"
    sleep "$POLL_SECONDS"
  done
  die "the local server on $datadir did not start within 120s: $(local_log_tail)"
}

# stop_local_server: a clean shutdown (SHUTDOWN, else SIGTERM), waiting for it to end.
stop_local_server() {
  [[ -n $LOCAL_PID ]] || return 0
  if ! local_sql <<<'SHUTDOWN' >/dev/null 2>&1; then
    kill "$LOCAL_PID" 2>/dev/null || true
  fi
  wait "$LOCAL_PID" || true
  LOCAL_PID=
  rm -f "$LOCAL_SOCKET"
}

# A backquoted SQL identifier.
sql_identifier() {
  local quote='`'
  printf '%s%s%s' "$quote" "${1//$quote/$quote$quote}" "$quote"
}

# initial_accounts_sql: the accounts of a new datadir, from the pod's Secret: root (local and from
# anywhere) and the application user with all rights on its database, when the stack names one.
initial_accounts_sql() {
  printf 'SET SESSION sql_log_bin = 0;\n'
  engine_initial_cleanup_sql
  stack_accounts_sql
  engine_root_grants_sql "'root'@'%'"
}

# stack_accounts_sql: root (local and from anywhere) and the application user (when the stack names one) with
# the passwords of the pod's Secret and their rights, whether they exist already (a restored datadir's, whose root
# has the engine's extra grants from its own initialisation) or not (a new one's).
stack_accounts_sql() {
  local password
  password=$(sql_quote "$ROOT_PASSWORD")
  printf "ALTER USER 'root'@'localhost' IDENTIFIED BY %s;\n" "$password"
  printf "CREATE USER IF NOT EXISTS 'root'@'%%' IDENTIFIED BY %s;\n" "$password"
  printf "ALTER USER 'root'@'%%' IDENTIFIED BY %s;\n" "$password"
  printf "GRANT ALL ON *.* TO 'root'@'%%' WITH GRANT OPTION;\n"
  if [[ -n ${APP_USER:-} ]]; then
    local app
    app="$(sql_quote "$APP_USER")@'%'"
    printf 'CREATE DATABASE IF NOT EXISTS %s;\n' "$(sql_identifier "$APP_DATABASE")"
    printf 'CREATE USER IF NOT EXISTS %s IDENTIFIED BY %s;\n' "$app" "$(sql_quote "$APP_PASSWORD")"
    printf 'ALTER USER %s IDENTIFIED BY %s;\n' "$app" "$(sql_quote "$APP_PASSWORD")"
    printf 'GRANT ALL ON %s.* TO %s;\n' "$(sql_identifier "$APP_DATABASE")" "$app"
  fi
}

# show_replica_status: SHOW REPLICA STATUS as "Column: value" lines; nothing when this server is no replica.
show_replica_status() {
  sql_client --vertical <<<'SHOW REPLICA STATUS'
}

# status_field STATUS COLUMN: the value of COLUMN in the output of show_replica_status.
status_field() {
  sed -n "s/^ *$2:[[:space:]]*//p" <<<"$1"
}

# replication_stopped_for_good STATUS: prints what to do and succeeds when this server's replication cannot
# resume on its own (STATUS from show_replica_status): the primary has purged binary logs it still needs (its data is
# stale for good).
replication_stopped_for_good() {
  local status=$1 errno message
  errno=$(status_field "$status" Last_IO_Errno)
  [[ -n $errno && " ${PURGED_POSITION_ERRNOS[*]} " == *" $errno "* ]] || return 1
  message=$(status_field "$status" Last_IO_Error)
  printf '%s\n' "replication cannot resume: the primary purged binary logs this replica still needs (error $errno: $message); its data is stale and it takes no reads: re-clone it by deleting its claim data-${HOSTNAME:-<pod>} and then the pod"
}
