#!/bin/sh
# restore-plan.sh BACKUP_SET TARGET INDEX...: which archived binary log transactions a restore replays on top of a
# backup. Runs in the uploader image (busybox: sh, awk).
#   BACKUP_SET  the GTID set the backup holds (MySQL "uuid:1-14,...", MariaDB "0-100-15,...")
#   TARGET      latest | time:MICROSECONDS (every transaction committed at or before it) | gtid:GTID (up to and
#               including it)
#   INDEX...    binlog-index.sh's output for each archived file, in file order, named NAME.index
# Prints the plan:
#   file NAME FROM TO     replay NAME from byte FROM up to byte TO (its end, or the first transaction left out)
#   last GTID             the last transaction replayed ("last none": the backup alone is the target)
# Refuses, saying why, a target the archive cannot reach exactly: a gap in the archive (transactions of a source
# missing between two files or within one: a file purged before it was archived), an archive that starts after the
# backup, a time after the archive's last transaction, a GTID not in it, a time before the backup's last
# transaction. Transactions are told apart by source (MySQL's server UUID, MariaDB's domain) and number.
set -eu

[ $# -ge 3 ] || { echo "usage: restore-plan.sh BACKUP_SET TARGET INDEX..." >&2; exit 2; }
backup=$1
target=$2
shift 2

awk -v backup="$backup" -v target="$target" '
function fail(why) { printf "restore-plan.sh: %s\n", why > "/dev/stderr"; failed = 1; exit 1 }
# a GTID "uuid:12", "uuid:1-12:14" or "0-100-12" into its source (k) and its highest number (n)
function gtid(g,    parts, m) {
  if (g ~ /^[0-9]+-[0-9]+-[0-9]+$/) { split(g, parts, "-"); k = parts[1]; n = parts[3] + 0; return }
  m = split(g, parts, ":"); k = parts[1]; n = parts[m]; sub(/^.*-/, "", n); n = n + 0
}
# a set into max[source]
function load(set, max,    parts, i, c) {
  gsub(/[ \t\n]/, "", set)
  c = split(set, parts, ",")
  for (i = 1; i <= c; i++) if (parts[i] != "") { gtid(parts[i]); if (!(k in max) || n > max[k]) max[k] = n }
}
BEGIN {
  load(backup, have)
  if (target == "latest") mode = "latest"
  else if (target ~ /^time:[0-9]+$/) { mode = "time"; until = substr(target, 6) + 0 }
  else if (target ~ /^gtid:/) { mode = "gtid"; gtid(substr(target, 6)); until_k = k; until_n = n }
  else fail("unknown target " target " (latest, time:MICROSECONDS or gtid:GTID)")
  files = 0
}
FNR == 1 {
  files++
  name[files] = FILENAME; sub(/^.*\//, "", name[files]); sub(/\.index$/, "", name[files])
}
$1 == "previous" {
  delete prev; load($2, prev); listed[files] = ""
  for (s in prev) { previous[files, s] = prev[s]; listed[files] = listed[files] " " s }
}
$1 == "gtid" { count[files]++; t = count[files]; g[files, t] = $2; time[files, t] = $3; pos[files, t] = $4 }
$1 == "end" { size[files] = $2 }
END {
  if (failed) exit 1
  # continuity: each file starts where the one before it ended, and each source numbers on by one
  for (f = 1; f <= files; f++) {
    if (!(f in size)) fail(name[f] " has no end line: not a complete index")
    c = split(listed[f], here, " ")
    if (f == 1) for (i = 1; i <= c; i++) seen[here[i]] = previous[1, here[i]]
    else {
      for (i = 1; i <= c; i++) if (!(here[i] in seen)) fail("gap before " name[f] ": it follows transactions of " here[i] " the archive before it never had (" previous[f, here[i]] ")")
      for (s in seen) if (previous[f, s] != seen[s]) fail("gap before " name[f] ": it follows " s " " previous[f, s] + 0 " but the archive before it ends at " seen[s] " (a file purged before it was archived)")
    }
    for (t = 1; t <= count[f]; t++) {
      gtid(g[f, t])
      if ((k in seen) && n != seen[k] + 1) fail("gap in " name[f] ": " g[f, t] " follows " k " " seen[k])
      seen[k] = n
    }
  }
  # the backup must be inside the archive: the first file starts at or before it
  for (s in have) if ((1, s) in previous && previous[1, s] > have[s]) fail("the archive starts after the backup: " s " " have[s] + 1 "-" previous[1, s] " are missing")
  plan = ""; last = "none"; done = 0; reached = (mode == "latest")
  for (f = 1; f <= files && !done; f++) {
    from = 0; to = size[f]
    for (t = 1; t <= count[f]; t++) {
      gtid(g[f, t])
      if ((k in have) && n <= have[k]) {
        if (mode == "time" && time[f, t] > until) fail("the backup holds " g[f, t] ", committed after the target time")
        continue
      }
      if (mode == "time" && time[f, t] > until) { to = pos[f, t]; done = 1; reached = 1; break }
      if (mode == "gtid" && k == until_k && n > until_n) { to = pos[f, t]; done = 1; reached = 1; break }
      if (from == 0) from = pos[f, t]
      last = g[f, t]
      if (mode == "gtid" && k == until_k && n == until_n) { reached = 1 }
    }
    if (from > 0) plan = plan sprintf("file %s %.0f %.0f\n", name[f], from, to)
  }
  if (mode == "gtid" && !reached) {
    if ((until_k in have) && until_n <= have[until_k]) fail("the backup already holds " substr(target, 6) ": restore an older backup")
    fail("the archive does not reach " substr(target, 6))
  }
  if (mode == "time" && !reached) fail("the archive ends before the target time: its last transaction is " last)
  printf "%slast %s\n", plan, last
}' "$@"
