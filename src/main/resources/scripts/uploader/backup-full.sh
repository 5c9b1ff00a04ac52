#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# backup-full.sh (uploader image, busybox sh): one full backup into the bucket, under full/<UTC time>/:
#   data.xbstream (MariaDB: the donor's mariadb-backup stream, straight from its CLONE_PORT) or
#   data.tar      (MySQL: the datadir the job's clone step received into CLONE_DIR, with its info file),
# streamed (never written here first), then `manifest`, written last: a backup without one is unfinished, and
# nothing takes it. The manifest's lines: engine, version, gtid (the set the data holds), binlog (file:position),
# donor, started, finished, data, size, sha256.
# The stream is uploaded in parts of STREAM_CHUNK_SIZE (rclone's size, "23M"): S3 takes 10,000 parts at most, and a
# stream of unknown length cannot grow its parts as it goes, so the largest backup must fit in that many.
# Needs ENGINE (mysql or mariadb), DONOR, STREAM_CHUNK_SIZE, CLONE_PORT (MariaDB) or CLONE_DIR (MySQL), and s3.sh's
# variables.
set -eu
# shellcheck source=s3.sh
. "$(dirname "$0")/s3.sh"

: "${ENGINE:?}" "${DONOR:?}" "${STREAM_CHUNK_SIZE:?}"
s3_setup
id=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
dir=full/$id
work=$S3_TMP
mkfifo "$work/to-sum"
# rclone's SHA-256 (Go's, with the CPU's SHA instructions) keeps up with the stream; busybox's does not. busybox's
# tee copies in blocks of a few KiB, so the stream goes through it to this one reader only: the uploaded object's
# tail is read back from the bucket.
rclone hashsum sha256 <"$work/to-sum" >"$work/sha256" &
sums=$!

# upload_stream: stdin into the backup's data object.
upload_stream() {
  rclone rcat --s3-chunk-size "$STREAM_CHUNK_SIZE" "$(s3_path "$dir/$data")"
}

case $ENGINE in
  mariadb)
    : "${CLONE_PORT:?}"
    data=data.xbstream
    log "streaming a backup of $DONOR:$CLONE_PORT to $(s3_path "$dir/$data")"
    status=0
    { nc -w "${IDLE_SECONDS:-600}" "$DONOR" "$CLONE_PORT" || echo "nc: $?" >"$work/failed"; } |
      tee "$work/to-sum" | upload_stream || status=$?
    wait "$sums"
    [ ! -e "$work/failed" ] || fail "the stream from $DONOR broke ($(cat "$work/failed"))"
    [ "$status" -eq 0 ] || fail "the upload failed (rclone status $status)"
    rclone cat --tail 65536 "$(s3_path "$dir/$data")" >"$work/tail" || fail "reading the stream's end back failed"
    end=$(grep -a -o 'mysql-cluster-stream-end [^[:cntrl:]]*' "$work/tail" | tail -n 1)
    [ -n "$end" ] || fail "the stream from $DONOR ended before its end line: not a complete backup"
    ;;
  mysql)
    : "${CLONE_DIR:?}"
    data=data.tar
    [ -f "$CLONE_DIR/info" ] || fail "no $CLONE_DIR/info: the clone step did not finish"
    end=$(cat "$CLONE_DIR/info")
    log "streaming the datadir cloned from $DONOR to $(s3_path "$dir/$data")"
    status=0
    { tar -C "$CLONE_DIR/data" -cf - . || echo "tar: $?" >"$work/failed"; } |
      tee "$work/to-sum" | upload_stream || status=$?
    wait "$sums"
    [ ! -e "$work/failed" ] || fail "reading the cloned datadir failed ($(cat "$work/failed"))"
    [ "$status" -eq 0 ] || fail "the upload failed (rclone status $status)"
    ;;
  *) fail "unknown ENGINE $ENGINE" ;;
esac

field() {
  printf '%s\n' "$end" | tr ' ' '\n' | sed -n "s/^$1=//p"
}
gtid=$(field gtid)
[ -n "$gtid" ] || fail "the backup names no GTID position ($end): it could not be restored to a point"
size=$(rclone lsl "$(s3_path "$dir/$data")" | awk '{ print $1 }')
{
  printf 'engine %s\nversion %s\ngtid %s\nbinlog %s\ndonor %s\n' "$ENGINE" "$(field version)" "$gtid" \
    "$(field binlog)" "$(field donor)"
  printf 'started %s\nfinished %s\n' "$started" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'data %s\nsize %s\nsha256 %s\n' "$data" "$size" "$(cut -d ' ' -f 1 <"$work/sha256")"
} >"$work/manifest"
rclone rcat "$(s3_path "$dir/manifest")" <"$work/manifest"
log "backup $id complete: $(tr '\n' ' ' <"$work/manifest")"
