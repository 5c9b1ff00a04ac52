#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# backup-donor.sh (server image; the backup job's first step): chooses the donor and writes its host name to
# CLONE_DIR/donor. The donor is a replica the readiness probe finds fit (replicating, lag under the maximum): one whose
# address DONOR_SERVICE, the headless Service of the ready pods, resolves to; the highest ordinal first. Only when no
# replica is ready is it the primary, which then carries the copy's reads beside its writes (and, on MariaDB,
# mariadb-backup's short BACKUP STAGE locks). On MySQL the donor's clone is then received into CLONE_DIR
# (backup-clone.sh), for the upload step to stream.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"

require_env ENGINE REPLICAS STATEFULSET GOVERNING_SERVICE DONOR_SERVICE CLONE_DIR

# address NAME: the first IPv4 address NAME resolves to; nothing when it does not.
address() {
  getent ahostsv4 "$1" | awk 'NR == 1 { print $1 }'
}

ready=$(getent ahostsv4 "$DONOR_SERVICE" | awk '{ print $1 }' | sort -u || true)
donor=
for ((i = REPLICAS - 1; i >= 1; i--)); do
  host=$STATEFULSET-$i.$GOVERNING_SERVICE
  addr=$(address "$host" || true)
  if [[ -n $addr ]] && grep -qxF "$addr" <<<"$ready"; then
    donor=$host
    break
  fi
done
if [[ -z $donor ]]; then
  donor=$STATEFULSET-0.$GOVERNING_SERVICE
  log "no replica is ready: the backup is taken from the primary $donor, which carries the copy's load"
else
  log "the backup is taken from the ready replica $donor"
fi
printf '%s\n' "$donor" >"$CLONE_DIR/donor"
if [[ $ENGINE == mysql ]]; then
  DONOR=$donor exec bash "$CONFIG_DIR/backup-clone.sh"
fi
