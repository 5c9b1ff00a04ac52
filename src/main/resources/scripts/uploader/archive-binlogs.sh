#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# archive-binlogs.sh (uploader image, busybox sh + rclone): copies the primary's closed binary log files to the
# bucket under binlog/, each followed by its index (binlog-index.sh): a file is archived once its index is there.
# Each file is checked against the last one archived with the check a restore makes (restore-plan.sh): its GTID
# set before it must continue the archive. One that does not (a file purged before it was archived) is a gap:
# recorded under gaps/, logged, counted in the metrics file; the file is archived all the same, and no restore
# crosses the gap. Only files after the archive's newest are archived: an older one it lacks was deleted by retention
# (the server may keep its files longer than any kept backup needs them). A file of an archived name but another size
# (another server's), or a server whose newest closed file comes before the archive's newest without being in it, is
# a conflict: never overwritten; logged, recorded and counted with the gaps. The metrics file (Prometheus text) also says when a pass last left no closed
# file behind (at the start: the start) and when the archive's newest gap record was written (0: none). Closed
# files: all that BINLOG_BASENAME.index lists but the last, which the server still writes.
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
caught_up=$(date +%s)
last_gap=0

# archive_listing: "name;size" of everything archived (nothing while the archive is new). Fails when the bucket
# cannot be listed: an unreachable archive is never taken for an empty one (that would archive every file again).
archive_listing() {
  rclone lsf --format ps "$(s3_path binlog/)" 2>"$state/lsf.err" && return 0
  status=$?
  # 3: directory not found, rclone's answer for a prefix nothing was written under yet
  [ "$status" -ne 3 ] || return 0
  log "cannot list the archive (rclone status $status): $(tail -n 1 "$state/lsf.err")"
  return 1
}

# the newest archived index of $listing, into $state/last.index; none when the archive is empty
fetch_last_index() {
  rm -f "$state/last.index"
  last=$(printf '%s\n' "$listing" | sed -n 's/^\(.*\.index\);[0-9]*$/\1/p' | sort | tail -n 1)
  [ -n "$last" ] || return 0
  rclone cat "$(s3_path "binlog/$last")" >"$state/last.index.tmp" || return 1
  mv "$state/last.index.tmp" "$state/last.index"
}

# the time of the archive's newest gap record, in Unix seconds (0: none); nothing when the bucket cannot be listed
newest_gap() {
  times=$(rclone lsf --format t "$(s3_path gaps/)" 2>/dev/null) || return 0
  newest=$(printf '%s\n' "$times" | sort | tail -n 1)
  if [ -n "$newest" ]; then date -u -d "$newest" +%s; else echo 0; fi
}

metrics() {
  [ "$1" -gt 0 ] || caught_up=$(date +%s)
  gap_time=$(newest_gap)
  [ -z "$gap_time" ] || last_gap=$gap_time
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
    printf '# HELP mysql_cluster_binlog_archive_caught_up_timestamp_seconds When a pass last left no closed file unarchived.\n'
    printf '# TYPE mysql_cluster_binlog_archive_caught_up_timestamp_seconds gauge\n'
    printf 'mysql_cluster_binlog_archive_caught_up_timestamp_seconds %s\n' "$caught_up"
    printf '# HELP mysql_cluster_binlog_archive_last_gap_timestamp_seconds When the newest gap record was written (0: none).\n'
    printf '# TYPE mysql_cluster_binlog_archive_last_gap_timestamp_seconds gauge\n'
    printf 'mysql_cluster_binlog_archive_last_gap_timestamp_seconds %s\n' "$last_gap"
  } >"$METRICS_FILE.tmp"
  mv "$METRICS_FILE.tmp" "$METRICS_FILE"
}

# after A B: name A sorts after B (binary log names are numbered at a fixed width)
after() {
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort | tail -n 1)" = "$1" ]
}

# record_conflict NAME WHY: the archive is another server's at NAME: logged, recorded under gaps/ and counted with
# the gaps, once per file; the archive stays as it was. Fails when the record cannot be written (the next pass
# tries again).
record_conflict() {
  [ ! -e "$state/conflict.$1" ] || return 0
  log "CONFLICT: $2"
  printf '%s\n' "$2" | rclone rcat "$(s3_path "gaps/$1")" || return 1
  : >"$state/conflict.$1"
  gaps=$((gaps + 1))
}

# check_same NAME: the archive's NAME is this server's file (the same size; closed files never change). One of
# another size is another server's of the same name: a cluster made anew under the same prefix writes file 1 again.
# Never overwritten.
check_same() {
  archived_size=$(printf '%s\n' "$listing" | awk -F ';' -v n="$1" '$1 == n { print $2 }')
  local_size=$(wc -c <"$BINLOG_DIR/$1" | tr -d ' ')
  [ "$archived_size" != "$local_size" ] || return 0
  record_conflict "$1" "the archive's $1 ($archived_size bytes) is not this server's ($local_size bytes): it belongs to\
 another cluster, or to this one before it was made anew; archive this cluster under another prefix"
}

# pass: one pass over the closed files. Every step that talks to the bucket is checked (the loop calls pass where
# errexit does not apply): a pass that fails writes no metrics, so the archive shows as behind.
pass() {
  index=$BINLOG_DIR/$BINLOG_BASENAME.index
  [ -r "$index" ] || fail "no $index: is BINLOG_DIR the datadir?"
  closed=$(sed 's|^.*/||' "$index" | sed '$d')
  listing=$(archive_listing) || return 1
  done_names=$(printf '%s\n' "$listing" | sed -n 's/\.index;[0-9]*$//p')
  newest=$(printf '%s\n' "$done_names" | sed '/^$/d' | sort | tail -n 1)
  # the files to archive: those after the archive's newest. An older one the archive lacks was deleted by retention
  # (no kept backup needs it) while the server still keeps it: it is never archived again.
  to_archive=
  for name in $closed; do
    if printf '%s\n' "$done_names" | grep -qx "$name"; then
      check_same "$name" || return 1
    elif [ -z "$newest" ] || after "$name" "$newest"; then
      to_archive="$to_archive $name"
    fi
  done
  # the server's newest closed file before the archive's newest, and not in it: the archive went on without this
  # server, so it is another's (or this cluster's before it was made anew)
  last_closed=$(printf '%s\n' "$closed" | tail -n 1)
  if [ -n "$newest" ] && [ -n "$last_closed" ] && ! printf '%s\n' "$done_names" | grep -qx "$last_closed" &&
    ! after "$last_closed" "$newest"; then
    record_conflict "$last_closed" "the archive reaches $newest, past this server's newest closed file $last_closed,\
 which it lacks: it belongs to another cluster, or to this one before it was made anew; archive this cluster under\
 another prefix" || return 1
  fi
  pending=$(printf '%s' "$to_archive" | wc -w | tr -d ' ')
  for name in $to_archive; do
    [ -f "$state/last.index" ] || fetch_last_index || return 1
    sh "$here/binlog-index.sh" "$BINLOG_DIR/$name" >"$state/$name.index" ||
      fail "$name could not be indexed"
    if [ -f "$state/last.index" ] &&
      ! why=$(sh "$here/restore-plan.sh" "" latest "$state/last.index" "$state/$name.index" 2>&1 >/dev/null); then
      log "GAP: $name does not continue the archive: ${why#restore-plan.sh: }"
      printf '%s\n' "$why" | rclone rcat "$(s3_path "gaps/$name")" || return 1
      gaps=$((gaps + 1))
    fi
    rclone copyto "$BINLOG_DIR/$name" "$(s3_path "binlog/$name")" || return 1
    rclone copyto "$state/$name.index" "$(s3_path "binlog/$name.index")" || return 1
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
