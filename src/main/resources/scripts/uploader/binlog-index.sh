#!/bin/sh
# binlog-index.sh FILE: what a closed binary log file holds, read from its bytes, without mysqlbinlog (the mysql
# image has none). Runs in the uploader image (busybox: sh, od, awk). One line each, in file order:
#   format mysql|mariadb
#   previous SET            the GTID set executed before the file's first transaction (MySQL's Previous_gtids
#                           event, MariaDB's Gtid_list), in the server's notation ("uuid:1-5", "0-1-5")
#   gtid GTID TIME POSITION  each transaction: its GTID, its commit time in microseconds since the epoch (MySQL's
#                           immediate commit timestamp; MariaDB's event time, whole seconds) and the position of its
#                           first event
#   end SIZE                the file ends at an event boundary, SIZE bytes in
# Fails, saying why, on what it cannot index: a file that is not a binary log or ends within an event, anonymous
# transactions (gtid_mode OFF) and tagged GTIDs (MySQL 8.3+, not used by this program).
# Event layout: MySQL's libs/mysql/binlog/event/binlog_event.h and control_events.h; MariaDB's Gtid_event and
# Gtid_list_event (the client/server protocol's replication pages).
set -eu

file=${1:?usage: binlog-index.sh FILE}
[ -r "$file" ] || { echo "binlog-index.sh: cannot read $file" >&2; exit 1; }

od -An -v -tu1 "$file" | awk -v file="$file" '
function fail(why) { printf "binlog-index.sh: %s: %s\n", file, why > "/dev/stderr"; failed = 1; exit 1 }
function u(at, n,    v, k) { v = 0; for (k = n - 1; k >= 0; k--) v = v * 256 + e[at + k]; return v }
function hex(at, n,    s, k) { s = ""; for (k = 0; k < n; k++) s = s sprintf("%02x", e[at + k]); return s }
function uuid(at,    h) {
  h = hex(at, 16)
  return substr(h, 1, 8) "-" substr(h, 9, 4) "-" substr(h, 13, 4) "-" substr(h, 17, 4) "-" substr(h, 21, 12)
}
function text(at, n,    s, k) { s = ""; for (k = 0; k < n && e[at + k] != 0; k++) s = s sprintf("%c", e[at + k]); return s }
function event(    type, at, n, i, j, set, intervals, sid, first, last) {
  type = e[4]
  if (type == 15) {
    format = index(text(21, 50), "MariaDB") ? "mariadb" : "mysql"
    print "format " format
  } else if (type == 35) {
    if (e[26] != 0) fail("tagged GTID sets are not supported")
    n = u(19, 8); at = 27; set = ""
    for (i = 0; i < n; i++) {
      sid = uuid(at); intervals = u(at + 16, 8); at += 24
      for (j = 0; j < intervals; j++) {
        first = u(at, 8); last = u(at + 8, 8) - 1; at += 16
        sid = sid ":" (first == last ? sprintf("%.0f", first) : sprintf("%.0f-%.0f", first, last))
      }
      set = set (set == "" ? "" : ",") sid
    }
    print "previous " set
  } else if (type == 163) {
    n = u(19, 4) % 268435456; at = 23; set = ""
    for (i = 0; i < n; i++) {
      set = set (set == "" ? "" : ",") sprintf("%.0f-%.0f-%.0f", u(at, 4), u(at + 4, 4), u(at + 8, 8))
      at += 16
    }
    print "previous " set
  } else if (type == 33) {
    # flags 1, sid 16, gno 8, lt_type 1, last_committed 8, sequence_number 8, immediate_commit_timestamp 7 (its
    # top bit says an original timestamp follows)
    printf "gtid %s:%.0f %.0f %.0f\n", uuid(20), u(36, 8), u(61, 6) + (e[67] % 128) * 281474976710656, start
  } else if (type == 162) {
    printf "gtid %.0f-%.0f-%.0f %.0f %.0f\n", u(27, 4), u(5, 4), u(19, 8), u(0, 4) * 1000000, start
  } else if (type == 34) {
    fail("an anonymous transaction at " start ": gtid_mode is not ON")
  } else if (type == 42) {
    fail("a tagged GTID at " start ": not supported")
  }
}
BEGIN { p = 0; start = 4; next_event = 4; need = 0; got = 0 }
{
  if (got == need && p >= 4 && p + NF <= next_event) { p += NF; next }
  for (i = 1; i <= NF; i++) {
    b = $i + 0
    if (p < 4) {
      magic = magic " " b
      p++
      if (p == 4 && magic != " 254 98 105 110") fail("not a binary log (no magic number)")
      continue
    }
    if (p == next_event) { start = p; need = 19; got = 0 }
    if (got < need) {
      e[got] = b
      got++
      if (got == 13) {
        size = u(9, 4)
        if (size < 19) fail("an event of " size " bytes at " start)
        next_event = start + size
        # what is read of an event: the whole of the variable ones, the fixed start of the others
        need = (e[4] == 35 || e[4] == 163 || e[4] == 15) ? size : (size < 80 ? size : 80)
      }
      if (got == need) event()
    }
    p++
  }
}
END {
  if (failed) exit 1
  if (p < 4) fail("not a binary log (" p " bytes)")
  if (p != next_event) fail("ends within the event at " start " (" p " of " next_event " bytes)")
  if (format == "") fail("no format description event")
  printf "end %.0f\n", p
}'
