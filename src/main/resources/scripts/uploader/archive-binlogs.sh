#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# archive-binlogs.sh (uploader image, busybox sh + rclone): copies the primary's closed binary log files to the
# bucket under binlog/, each followed by its index (binlog-index.sh): a file is archived once its index is there.
# Each file is checked against the last one archived with the check a restore makes (restore-plan.sh): its GTID
# set before it must continue the archive. One that does not (a file purged before it was archived) is a gap:
# recorded under gaps/, logged, counted in the metrics file; the file is archived all the same, and no restore
# crosses the gap. Closed files: all that BINLOG_BASENAME.index lists but the last, which the server still writes.
# Needs BINLOG_DIR (the datadir, read-only), BINLOG_BASENAME, METRICS_FILE and s3.sh's variables. ONCE=1: one pass;
# else a pass every INTERVAL_SECONDS.
set -eu
# shellcheck source=s3.sh
. "$(dirname "$0")/s3.sh"

: "${BINLOG_DIR:?}" "${BINLOG_BASENAME:?}" "${METRICS_FILE:?}"
here=$(dirname "$0")
s3_setup
state=$S3_TMP/state
mkdir -p "$state"
gaps=0
archived=0

# the newest archived index, into $state/last.index; none when the archive is empty
fetch_last_index() {
  rm -f "$state/last.index"
  last=$(rclone lsf "$(s3_path binlog/)" 2>/dev/null | grep '\.index$' | sort | tail -n 1 || true)
  [ -z "$last" ] || rclone cat "$(s3_path "binlog/$last")" >"$state/last.index"
}

metrics() {
  {
    printf '# HELP mysql_cluster_binlog_archive_pass_timestamp_seconds When the archiver last finished a pass.\n'
    printf '# TYPE mysql_cluster_binlog_archive_pass_timestamp_seconds gauge\n'
    printf 'mysql_cluster_binlog_archive_pass_timestamp_seconds %s\n' "$(date +%s)"
    printf '# HELP mysql_cluster_binlog_archive_pending_files Closed binary log files not archived yet.\n'
    printf '# TYPE mysql_cluster_binlog_archive_pending_files gauge\n'
    printf 'mysql_cluster_binlog_archive_pending_files %s\n' "$1"
    printf '# HELP mysql_cluster_binlog_archive_gaps_total Files found not to continue the archive since the start.\n'
    printf '# TYPE mysql_cluster_binlog_archive_gaps_total counter\n'
    printf 'mysql_cluster_binlog_archive_gaps_total %s\n' "$gaps"
  } >"$METRICS_FILE.tmp"
  mv "$METRICS_FILE.tmp" "$METRICS_FILE"
}

pass() {
  index=$BINLOG_DIR/$BINLOG_BASENAME.index
  [ -r "$index" ] || fail "no $index: is BINLOG_DIR the datadir?"
  closed=$(sed 's|^.*/||' "$index" | sed '$d')
  done_names=$(rclone lsf "$(s3_path binlog/)" 2>/dev/null | sed -n 's/\.index$//p')
  pending=0
  for name in $closed; do
    if printf '%s\n' "$done_names" | grep -qx "$name"; then
      continue
    fi
    pending=$((pending + 1))
  done
  for name in $closed; do
    if printf '%s\n' "$done_names" | grep -qx "$name"; then
      continue
    fi
    [ -f "$state/last.index" ] || fetch_last_index
    sh "$here/binlog-index.sh" "$BINLOG_DIR/$name" >"$state/$name.index" ||
      fail "$name could not be indexed"
    if [ -f "$state/last.index" ] &&
      ! why=$(sh "$here/restore-plan.sh" "" latest "$state/last.index" "$state/$name.index" 2>&1 >/dev/null); then
      gaps=$((gaps + 1))
      log "GAP: $name does not continue the archive: ${why#restore-plan.sh: }"
      printf '%s\n' "$why" | rclone rcat "$(s3_path "gaps/$name")"
    fi
    rclone copyto "$BINLOG_DIR/$name" "$(s3_path "binlog/$name")"
    rclone copyto "$state/$name.index" "$(s3_path "binlog/$name.index")"
    mv "$state/$name.index" "$state/last.index"
    archived=$((archived + 1))
    pending=$((pending - 1))
    log "archived $name ($(grep -c '^gtid ' "$state/last.index") transactions)"
  done
  metrics "$pending"
}

if [ "${ONCE:-}" = 1 ]; then
  pass
  exit 0
fi
: "${INTERVAL_SECONDS:?}"
while :; do
  pass || log "the pass failed; trying again in ${INTERVAL_SECONDS}s"
  sleep "$INTERVAL_SECONDS"
done
