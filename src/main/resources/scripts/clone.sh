#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Init container "clone" (server image), with the data volume's root at VOLUME_DIR: the datadir
# ($VOLUME_DIR/mysql, the server's subPath) only ever appears complete.
# Ordinal 0 initialises a new one (system tables, root and application accounts from the Secret), or, on a
# stack with restore.*, makes the backup and binary logs the restore-fetch step staged in RESTORE_STAGE_DIR into
# one: unpacked, prepared, replayed to the target, its root and application accounts given this stack's passwords.
# Ordinal n>0 gets its datadir as a copy of pod n-1:
# received into $VOLUME_DIR/clone-tmp by the engine's clone (engine.sh: MySQL's CLONE INSTANCE, or
# MariaDB's backup stream and --prepare), marked complete, then renamed into place. A datadir without
# the marker is never started: it is wiped and cloned again. The GTID position the replica starts
# from is left in the datadir for the sidecar.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env VOLUME_DIR MYSQL_PORT GOVERNING_SERVICE CLONE_RETRIES CLONE_RETRY_SECONDS CLONE_MEMORY_MIB

# The subPath of the data volume the server mounts at DATA_DIR (the StatefulSet's "data" mount).
datadir=$VOLUME_DIR/mysql
scratch=$VOLUME_DIR/clone-tmp

ord=$(ordinal)

move_into_place() {
  rm -rf "$datadir"
  mv -T "$scratch" "$datadir"
  sync -f "$VOLUME_DIR"
}

wipe_unfinished() {
  if [[ -e $datadir ]]; then
    log "$datadir has no $1: it is not complete, wiping it"
    rm -rf "$datadir"
  fi
  if [[ -e $scratch ]]; then
    log "wiping the unfinished work in $scratch"
    rm -rf "$scratch"
  fi
}

if ((ord == 0)); then
  # The primary's datadir is initialised here, like a clone: in the scratch directory, marked, renamed.
  # A datadir with mysql/ but no marker was initialised by the image's entrypoint (as before this
  # step existed) and is kept.
  if [[ -f $datadir/$INIT_MARKER || -d $datadir/mysql ]]; then
    log "ordinal 0 is the primary: it starts from its own datadir"
    exit 0
  fi
  if [[ -f $scratch/$INIT_MARKER ]]; then
    log "an initialised datadir is waiting in $scratch; moving it into place"
    move_into_place
    exit 0
  fi
  require_env ROOT_PASSWORD
  wipe_unfinished "$INIT_MARKER"
  if [[ -n ${RESTORE_STAGE_DIR:-} ]]; then
    stage=$RESTORE_STAGE_DIR
    [[ -f $stage/fetched ]] || die "restore is set but $stage/fetched is missing: the restore-fetch step did not finish"
    log "ordinal 0 is the primary: restoring $(<"$stage/fetched")"
    bash "$CONFIG_DIR/restore-datadir.sh" "$stage"
    bash "$CONFIG_DIR/replay-binlogs.sh" "$stage/datadir" "$stage/binlogs" "$stage/plan"
    bash "$CONFIG_DIR/restore-accounts.sh" "$stage/datadir"
    sync -f "$stage/datadir"
    printf 'restored %s at %s\n' "$(<"$stage/fetched")" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$stage/datadir/$INIT_MARKER"
    # marked before it moves: cut short from here on, the next start finds it waiting in the scratch directory
    mv -T "$stage/datadir" "$scratch"
    move_into_place
    rm -rf "$stage"
    log "datadir restored: $(<"$datadir/$INIT_MARKER")"
    exit 0
  fi
  log "ordinal 0 is the primary: initialising a new datadir in $scratch"
  engine_initialise_datadir "$scratch"
  sync -f "$scratch"
  printf 'initialised at %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$scratch/$INIT_MARKER"
  move_into_place
  log "datadir initialised: root${APP_USER:+, $APP_USER on $APP_DATABASE}"
  exit 0
fi
donor=$(peer_host $((ord - 1)))
source_address=$donor:$(engine_clone_port)

if [[ -f $datadir/$CLONE_MARKER ]]; then
  log "reusing the datadir cloned before: $(<"$datadir/$CLONE_MARKER")"
  exit 0
fi
if [[ -f $scratch/$CLONE_MARKER ]]; then
  log "a finished clone is waiting in $scratch; moving it into place"
  move_into_place
  exit 0
fi
wipe_unfinished "$CLONE_MARKER"

log "cloning from $source_address into $scratch"
engine_clone_begin "$donor"
if ! retry "$CLONE_RETRIES" "$CLONE_RETRY_SECONDS" engine_clone_receive "$donor" "$scratch"; then
  die "giving up: no complete clone from $source_address after $CLONE_RETRIES attempts ${CLONE_RETRY_SECONDS}s apart; exiting so the kubelet retries with back-off"
fi
log "finishing the clone in $scratch"
engine_clone_finish "$scratch" ||
  die "the clone in $scratch could not be finished; it is wiped on the next start"
# Empty where the cloned data carries its own GTID set (MySQL).
position=$(engine_clone_position "$scratch") ||
  die "the clone in $scratch names no GTID position: cannot tell where replication starts"

# Nothing of the donor's own identity or bootstrap state is kept.
for file in "${CLONE_DISCARD_FILES[@]}" "$CLONE_MARKER" "$REPLICATION_START_FILE" "$REPLICATION_STARTED_FILE"; do
  rm -f "${scratch:?}/$file"
done
printf '%s\n' "$position" >"$scratch/$REPLICATION_START_FILE"
# The cloned data is on disk before the marker says so.
sync -f "$scratch"
printf 'from %s at %s, GTID %s\n' "$donor" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${position:-as cloned}" >"$scratch/$CLONE_MARKER"
move_into_place
log "clone complete: $(<"$datadir/$CLONE_MARKER")"
