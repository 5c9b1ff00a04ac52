#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# archiver.sh (uploader image; the pods' "archiver" container): on ordinal 0, the primary, the binary log archive
# (archive-binlogs.sh, a pass every INTERVAL_SECONDS); on a replica nothing, since its binary log repeats the
# primary's. On every pod, the directory of METRICS_FILE served over HTTP on METRICS_PORT (rclone serve http), so
# Prometheus reads the archive's metrics at /<file name>; a replica's file stays empty. It stops at once when the pod
# does: a file cut off mid-upload has no index yet, so it counts as not archived and goes again on the next start.
# When either process ends, the container ends, and the kubelet starts it again.
set -eu
: "${METRICS_FILE:?}" "${METRICS_PORT:?}"
here=$(dirname "$0")
archive=
server=
stop() {
  for pid in $archive $server; do
    kill "$pid" 2>/dev/null || true
  done
}
trap 'stop; exit 0' TERM INT
mkdir -p "$(dirname "$METRICS_FILE")"
[ -e "$METRICS_FILE" ] || : >"$METRICS_FILE"
# no config file: it serves a local directory (the in-memory config rclone keeps for /dev/null)
rclone --config /dev/null serve http "$(dirname "$METRICS_FILE")" --addr ":$METRICS_PORT" &
server=$!
pod=$(hostname)
case $pod in
  *-0) sh "$here/archive-binlogs.sh" & ;;
  *)
    echo "archiver.sh: $pod is a replica: the primary archives the binary log" >&2
    while :; do sleep 3600; done &
    ;;
esac
archive=$!
while kill -0 "$archive" 2>/dev/null && kill -0 "$server" 2>/dev/null; do
  sleep 5 &
  wait $! || true
done
echo "archiver.sh: $(kill -0 "$archive" 2>/dev/null && echo "the metrics server" || echo "the archive") ended" >&2
stop
exit 1
