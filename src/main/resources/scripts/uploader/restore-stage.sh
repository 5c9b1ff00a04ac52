#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# restore-stage.sh (uploader image; init container "restore-fetch" on a stack with restore.*): on ordinal 0 without a
# datadir, the backup RESTORE_BACKUP (restore-fetch.sh) and the archived binary logs up to RESTORE_TARGET
# (restore-logs.sh) fetched and checked into RESTORE_STAGE_DIR on the data volume; the file "fetched", written last,
# tells the clone step they are complete. A datadir that exists ($VOLUME_DIR/mysql with its system schema) is never
# touched: a restore only ever initialises. Needs VOLUME_DIR, RESTORE_BACKUP, RESTORE_TARGET, RESTORE_STAGE_DIR, ENGINE
# and s3.sh's variables.
set -eu
# shellcheck source=s3.sh
. "$(dirname "$0")/s3.sh"
here=$(dirname "$0")
: "${VOLUME_DIR:?}" "${RESTORE_BACKUP:?}" "${RESTORE_TARGET:?}" "${RESTORE_STAGE_DIR:?}"

pod=$(hostname)
case $pod in
  *-0) ;;
  *) exit 0 ;;
esac
if [ -d "$VOLUME_DIR/mysql/mysql" ]; then
  if [ -e "$RESTORE_STAGE_DIR" ]; then
    rm -rf "$RESTORE_STAGE_DIR"
  fi
  log "a datadir exists: nothing to restore (a restore never overwrites one)"
  exit 0
fi
if [ -f "$RESTORE_STAGE_DIR/fetched" ]; then
  log "the restore is fetched already: $(cat "$RESTORE_STAGE_DIR/fetched")"
  exit 0
fi
rm -rf "$RESTORE_STAGE_DIR"
mkdir -p "$RESTORE_STAGE_DIR"
log "fetching backup $RESTORE_BACKUP and the binary logs to $RESTORE_TARGET"
sh "$here/restore-fetch.sh" "$RESTORE_BACKUP" "$RESTORE_STAGE_DIR"
sh "$here/restore-logs.sh" "$RESTORE_TARGET" "$RESTORE_STAGE_DIR"
printf 'backup of %s to %s\n' "$(sed -n 's/^started //p' "$RESTORE_STAGE_DIR/manifest")" "$RESTORE_TARGET" >"$RESTORE_STAGE_DIR/fetched.tmp"
mv "$RESTORE_STAGE_DIR/fetched.tmp" "$RESTORE_STAGE_DIR/fetched"
log "fetched: $(cat "$RESTORE_STAGE_DIR/fetched")"
