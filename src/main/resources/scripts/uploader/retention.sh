#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# retention.sh (uploader image, busybox sh + rclone): keeps the KEEP_BACKUPS newest finished backups (with a
# manifest) and the archived binary logs the oldest of them needs; deletes older backups, unfinished ones older
# than the newest finished one (a newer one may still be running), and archived files whose transactions all
# precede the oldest kept backup (restore-plan.sh's plan from it starts after them). The newest archived file always
# stays: the archiver checks the next one against it. With a gap after the oldest kept backup no binary log is
# deleted. Unfinished multipart uploads under full/ (a backup killed while it uploaded: invisible in listings, yet
# stored) older than UNFINISHED_UPLOAD_MAX_AGE_SECONDS, which no backup job outlives, are aborted; the archiver's
# under binlog/ are not touched. Needs KEEP_BACKUPS (at least 1), UNFINISHED_UPLOAD_MAX_AGE_SECONDS and s3.sh's
# variables.
set -eu
# shellcheck source=s3.sh
. "$(dirname "$0")/s3.sh"

: "${KEEP_BACKUPS:?}" "${UNFINISHED_UPLOAD_MAX_AGE_SECONDS:?}"
[ "$KEEP_BACKUPS" -ge 1 ] 2>/dev/null || fail "KEEP_BACKUPS must be 1 or more, not $KEEP_BACKUPS"
here=$(dirname "$0")
s3_setup
work=$S3_TMP

# before A B: A sorts before B (backup ids are UTC times, binary log names numbered at a fixed width)
before() {
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort | head -n 1)" = "$1" ]
}

finished=''
unfinished=''
for id in $(rclone lsf --dirs-only "$(s3_path full/)" 2>/dev/null | tr -d / | sort); do
  if rclone lsf "$(s3_path "full/$id/manifest")" | grep -q .; then
    finished="$finished$id
"
  else
    unfinished="$unfinished$id
"
  fi
done
if rclone backend cleanup -o max-age="${UNFINISHED_UPLOAD_MAX_AGE_SECONDS}s" "$(s3_path full/)"; then
  log "aborted the unfinished uploads of backups older than ${UNFINISHED_UPLOAD_MAX_AGE_SECONDS}s"
else
  log "could not list or abort unfinished uploads (the bucket keeps them until the next pass)"
fi
count=$(printf '%s' "$finished" | grep -c . || true)
[ "$count" -gt 0 ] || { log "no finished backup: nothing deleted"; exit 0; }
oldest_kept=$(printf '%s' "$finished" | tail -n "$KEEP_BACKUPS" | head -n 1)
newest=$(printf '%s' "$finished" | tail -n 1)

for id in $finished; do
  if before "$id" "$oldest_kept"; then
    rclone purge "$(s3_path "full/$id")"
    log "deleted backup $id"
  fi
done
for id in $unfinished; do
  if before "$id" "$newest"; then
    rclone purge "$(s3_path "full/$id")"
    log "deleted unfinished backup $id"
  fi
done

mkdir "$work/indexes"
rclone copy --include '*.index' "$(s3_path binlog/)" "$work/indexes" 2>/dev/null || true
set -- "$work"/indexes/*.index
[ -e "$1" ] || { log "no archived binary logs"; exit 0; }
gtid=$(rclone cat "$(s3_path "full/$oldest_kept/manifest")" | sed -n 's/^gtid //p')
if ! plan=$(sh "$here/restore-plan.sh" "$gtid" latest "$@" 2>"$work/why"); then
  log "no binary log deleted: $(cat "$work/why")"
  exit 0
fi
first=$(printf '%s\n' "$plan" | sed -n 's/^file \([^ ]*\) .*/\1/p' | head -n 1)
newest_file=$(basename "$(printf '%s\n' "$@" | tail -n 1)" .index)
for index in "$@"; do
  name=$(basename "$index" .index)
  [ -n "$first" ] && ! before "$name" "$first" && break
  [ "$name" = "$newest_file" ] && break
  rclone deletefile "$(s3_path "binlog/$name.index")"
  rclone deletefile "$(s3_path "binlog/$name")"
  rclone deletefile "$(s3_path "gaps/$name")" 2>/dev/null || true
  log "deleted binary log $name: backup $oldest_kept does not need it"
done
log "kept $((count < KEEP_BACKUPS ? count : KEEP_BACKUPS)) of $count finished backups, from $oldest_kept"
