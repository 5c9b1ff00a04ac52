#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# archiver.sh (uploader image; the pods' "archiver" container): on ordinal 0, the primary, the binary log archive
# (archive-binlogs.sh, a pass every INTERVAL_SECONDS); on a replica nothing, since its binary log repeats the
# primary's. It stops at once when the pod does: a file cut off mid-upload has no index yet, so it counts as not
# archived and goes again on the next start.
set -eu
here=$(dirname "$0")
child=
trap '[ -z "$child" ] || kill "$child" 2>/dev/null; exit 0' TERM INT
pod=$(hostname)
case $pod in
  *-0) sh "$here/archive-binlogs.sh" & ;;
  *)
    echo "archiver.sh: $pod is a replica: the primary archives the binary log" >&2
    while :; do sleep 3600; done &
    ;;
esac
child=$!
wait "$child"
