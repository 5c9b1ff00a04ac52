#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Init container "clone" (backup image), with the data volume's root at VOLUME_DIR.
# Ordinal n>0 gets its datadir ($VOLUME_DIR/mysql, the server's subPath) as a backup streamed from
# pod n-1: received into $VOLUME_DIR/clone-tmp, prepared there, marked complete, then renamed into
# place. A datadir without the marker is never started: it is wiped and cloned again. The GTID
# position the replica starts from is left in the datadir for the sidecar.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env VOLUME_DIR CLONE_PORT GOVERNING_SERVICE CLONE_RETRIES CLONE_RETRY_SECONDS PREPARE_MEMORY_MIB

# The subPath of the data volume the server mounts at DATA_DIR (the StatefulSet's "data" mount).
datadir=$VOLUME_DIR/mysql
scratch=$VOLUME_DIR/clone-tmp

ord=$(ordinal)
if ((ord == 0)); then
  # Made here, as the pod's user, so the server can initialise it whoever would create the subPath.
  mkdir -p "$datadir"
  log "ordinal 0 is the primary: it starts from its own datadir, nothing to clone"
  exit 0
fi
donor=$(peer_host $((ord - 1)))
# A donor that stays silent as long as we would wait for it to appear is gone.
idle_timeout=$((CLONE_RETRIES * CLONE_RETRY_SECONDS))

move_into_place() {
  rm -rf "$datadir"
  mv -T "$scratch" "$datadir"
  sync -f "$VOLUME_DIR"
  log "clone complete: $(<"$datadir/$CLONE_MARKER")"
}

# One attempt: a complete stream from the donor in $scratch, or nothing.
receive() {
  local -a status=(0 0)
  rm -rf "$scratch"
  mkdir "$scratch" || return 1
  socat -b 1048576 -u -T "$idle_timeout" "TCP:$donor:$CLONE_PORT,connect-timeout=$CLONE_RETRY_SECONDS" STDOUT |
    "$STREAM_BIN" -x -C "$scratch" || status=("${PIPESTATUS[@]}")
  if ((status[0] != 0 || status[1] != 0)) || [[ ! -f $scratch/$STREAM_END_FILE ]]; then
    log "no complete backup from $donor:$CLONE_PORT (socat status ${status[0]}, $STREAM_BIN status ${status[1]}, end of stream $([[ -f $scratch/$STREAM_END_FILE ]] && echo received || echo missing))"
    rm -rf "$scratch"
    return 1
  fi
  rm -f "$scratch/$STREAM_END_FILE"
}

if [[ -f $datadir/$CLONE_MARKER ]]; then
  log "reusing the datadir cloned before: $(<"$datadir/$CLONE_MARKER")"
  exit 0
fi
if [[ -f $scratch/$CLONE_MARKER ]]; then
  log "a prepared clone is waiting in $scratch; moving it into place"
  move_into_place
  exit 0
fi
if [[ -e $datadir ]]; then
  log "$datadir has no $CLONE_MARKER: it is not a complete clone, wiping it"
  rm -rf "$datadir"
fi
if [[ -e $scratch ]]; then
  log "wiping the unfinished clone in $scratch"
  rm -rf "$scratch"
fi

log "cloning from $donor:$CLONE_PORT into $scratch"
if ! retry "$CLONE_RETRIES" "$CLONE_RETRY_SECONDS" receive; then
  die "giving up: no complete backup from $donor:$CLONE_PORT after $CLONE_RETRIES attempts ${CLONE_RETRY_SECONDS}s apart; exiting so the kubelet retries with back-off"
fi

log "preparing the backup in $scratch"
# Redo copied while the donor was busy is applied here; the buffer is sized from this container's memory limit.
"$BACKUP_BIN" --prepare --use-memory="${PREPARE_MEMORY_MIB}M" --target-dir="$scratch" ||
  die "--prepare failed; the unfinished clone in $scratch is wiped on the next start"
position=$(engine_clone_position "$scratch") ||
  die "the backup in $scratch names no binlog position: cannot tell where replication starts"

# Nothing of the donor's own identity or bootstrap state is kept.
for file in "${CLONE_DISCARD_FILES[@]}" "$CLONE_MARKER" "$REPLICATION_START_FILE" "$REPLICATION_STARTED_FILE"; do
  rm -f "${scratch:?}/$file"
done
printf '%s\n' "$position" >"$scratch/$REPLICATION_START_FILE"
# The prepared data is on disk before the marker says so.
sync -f "$scratch"
printf 'from %s at %s, GTID %s\n' "$donor" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$position" >"$scratch/$CLONE_MARKER"
move_into_place
