# shellcheck shell=bash
# When a pod takes reads: the readiness check of probe.sh. Sourced after common.sh and engine.sh.

# In the pod's tmp emptyDir (kept across container restarts, gone with the pod): present while the readiness check
# last found this replica fit for reads. A new pod has none: it takes no reads until it has caught up.
READY_STATE_FILE=/tmp/replica-ready

# replica_unfit_for_reads STATUS: prints in one line why this replica must take no reads and succeeds, or fails
# when it may take them. Fit: both replication threads run (the engine's REPLICA_IO_COLUMN and REPLICA_SQL_COLUMN
# say Yes) and the lag (REPLICA_LAG_COLUMN; see the engine file for how the server computes it) is known and at
# most REPLICA_MAX_LAG_SECONDS. Hysteresis: a replica that was unfit, or never was fit (no READY_STATE_FILE: a new
# pod), becomes fit only at REPLICA_CATCH_UP_LAG_SECONDS or less, so a lag around the maximum does not flap.
# A thread that stopped on an error is not running (its error is in the line); an error column left from a stop a
# running thread has recovered from (a reconnect) is history and is not held against it.
replica_unfit_for_reads() {
  local status=$1 io sql lag limit
  if [[ -z $status ]]; then
    printf 'not replicating: SHOW REPLICA STATUS is empty (replication is not set up yet)\n'
    return 0
  fi
  io=$(status_field "$status" "$REPLICA_IO_COLUMN")
  sql=$(status_field "$status" "$REPLICA_SQL_COLUMN")
  if [[ $io != Yes ]]; then
    printf 'replication receiver not running (%s: %s) %s\n' "$REPLICA_IO_COLUMN" "${io:-?}" \
      "$(status_field "$status" Last_IO_Error)"
    return 0
  fi
  if [[ $sql != Yes ]]; then
    printf 'replication applier not running (%s: %s) %s\n' "$REPLICA_SQL_COLUMN" "${sql:-?}" \
      "$(status_field "$status" Last_SQL_Error)"
    return 0
  fi
  lag=$(status_field "$status" "$REPLICA_LAG_COLUMN")
  if [[ ! $lag =~ ^[0-9]+$ ]]; then
    printf 'replication lag unknown (%s: %s)\n' "$REPLICA_LAG_COLUMN" "${lag:-?}"
    return 0
  fi
  if [[ -f $READY_STATE_FILE ]]; then
    limit=$REPLICA_MAX_LAG_SECONDS
  else
    limit=$REPLICA_CATCH_UP_LAG_SECONDS
  fi
  if ((lag > limit)); then
    if [[ -f $READY_STATE_FILE ]]; then
      printf 'replication lag %ss is above the maximum of %ss\n' "$lag" "$REPLICA_MAX_LAG_SECONDS"
    else
      printf 'catching up: replication lag %ss; takes reads again at %ss or less\n' "$lag" "$REPLICA_CATCH_UP_LAG_SECONDS"
    fi
    return 0
  fi
  return 1
}

# ready_for_reads: succeeds when an authenticated SELECT 1 works and, on a replica, replica_unfit_for_reads finds
# nothing (replication stopped for good says so in its own words); otherwise exits through die with the reason in one
# line. The primary (ordinal 0) is ready whatever its replicas do. Records the verdict in READY_STATE_FILE.
ready_for_reads() {
  local answer ord replica problem
  answer=$(sql_value 'SELECT 1')
  [[ $answer == 1 ]] || die "SELECT 1 answered '$answer'"
  ord=$(ordinal)
  ((ord > 0)) || return 0
  require_env REPLICA_MAX_LAG_SECONDS REPLICA_CATCH_UP_LAG_SECONDS
  replica=$(show_replica_status)
  if problem=$(replication_stopped_for_good "$replica") || problem=$(replica_unfit_for_reads "$replica"); then
    rm -f "$READY_STATE_FILE"
    die "$problem"
  fi
  touch "$READY_STATE_FILE"
}
