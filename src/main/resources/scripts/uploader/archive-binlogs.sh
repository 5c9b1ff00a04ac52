#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# archive-binlogs.sh (uploader image, busybox sh + rclone): copies the primary's closed binary log files to the
# bucket under binlog/, each followed by its index (binlog-index.sh): a file is archived once its index is there.
# Each file is checked against the last one archived with the check a restore makes (restore-plan.sh): its GTID
# set before it must continue the archive. One that does not (a file purged before it was archived) is a gap:
# recorded under gaps/, logged, counted in the metrics file; the file is archived all the same, and no restore
# crosses the gap. A file of an archived name but another size (another server's) is never overwritten: logged and
# counted with the gaps. Closed files: all that BINLOG_BASENAME.index lists but the last, which the server still writes.
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

# check_same NAME: the archive's NAME is this server's file (the same size; closed files never change). One of
# another size is another server's of the same name: a cluster made anew under the same prefix writes file 1 again.
# Never overwritten: counted with the gaps (once per file), logged, and the archive stays as it was.
check_same() {
  archived_size=$(printf '%s\n' "$listing" | awk -F ';' -v n="$1" '$1 == n { print $2 }')
  local_size=$(wc -c <"$BINLOG_DIR/$1" | tr -d ' ')
  if [ "$archived_size" != "$local_size" ] && [ ! -e "$state/conflict.$1" ]; then
    : >"$state/conflict.$1"
    gaps=$((gaps + 1))
    log "CONFLICT: the archive's $1 ($archived_size bytes) is not this server's ($local_size bytes): it belongs to" \
      "another cluster, or to this one before it was made anew; archive this cluster under another prefix"
  fi
}

pass() {
  index=$BINLOG_DIR/$BINLOG_BASENAME.index
  [ -r "$index" ] || fail "no $index: is BINLOG_DIR the datadir?"
  closed=$(sed 's|^.*/||' "$index" | sed '$d')
  # "name;size" of everything archived
  listing=$(rclone lsf --format ps "$(s3_path binlog/)" 2>/dev/null || true)
  done_names=$(printf '%s\n' "$listing" | sed -n 's/\.index;[0-9]*$//p')
  pending=0
  for name in $closed; do
    if printf '%s\n' "$done_names" | grep -qx "$name"; then
      check_same "$name"
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
