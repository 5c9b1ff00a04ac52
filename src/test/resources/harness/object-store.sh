#!/usr/bin/env bash
# Runs inside the ceph-16.2 image root, in a network namespace of the harness: a one-host Ceph cluster (one monitor,
# one OSD on memstore: the data lives in the OSD's memory), cephx on, and the RADOS gateway serving S3 on
#   0.0.0.0:$S3_PORT
# with one S3 user, $S3_ACCESS_KEY / $S3_SECRET_KEY. The state goes to $STATE_DIR; logs to stderr and $STATE_DIR.
# Logs "object store ready" once the user exists; the daemons run in the foreground, as this script's children, until
# the container is killed.
set -euo pipefail

: "${STATE_DIR:?}" "${S3_PORT:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}" "${MEMSTORE_BYTES:?}"

log() { printf '%s object-store: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

conf=$STATE_DIR/ceph.conf
fsid=$(cat /proc/sys/kernel/random/uuid)
mkdir -p "$STATE_DIR"/{mon,osd,rgw,run,log}
cat >"$conf" <<CONF
[global]
fsid = $fsid
mon initial members = a
mon host = v2:127.0.0.1:3300
public network = 127.0.0.0/8
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon allow pool delete = true
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES
run dir = $STATE_DIR/run
log file = $STATE_DIR/log/\$name.log
admin socket = $STATE_DIR/run/\$name.asok
keyring = $STATE_DIR/\$name.keyring
[mon.a]
mon data = $STATE_DIR/mon
keyring = $STATE_DIR/mon/keyring
[osd.0]
osd data = $STATE_DIR/osd
[client.rgw.a]
rgw frontends = beast port=$S3_PORT
rgw data = $STATE_DIR/rgw
CONF
export CEPH_CONF=$conf

ceph-authtool "$STATE_DIR/client.admin.keyring" --create-keyring --gen-key -n client.admin \
  --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
ceph-authtool "$STATE_DIR/mon.keyring" --create-keyring --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$STATE_DIR/mon.keyring" --import-keyring "$STATE_DIR/client.admin.keyring" >/dev/null
monmaptool --create --addv a '[v2:127.0.0.1:3300]' --fsid "$fsid" "$STATE_DIR/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$STATE_DIR/monmap" --keyring "$STATE_DIR/mon.keyring"
ceph-mon -i a -f &
log "monitor up"

ceph osd create >/dev/null
ceph auth get-or-create osd.0 mon 'allow profile osd' osd 'allow *' -o "$STATE_DIR/osd.0.keyring"
ceph-osd -i 0 --mkfs --mkkey 2>/dev/null || ceph-osd -i 0 --mkfs
ceph-osd -i 0 -f &
log "osd up"

ceph auth get-or-create client.rgw.a mon 'allow rw' osd 'allow rwx' -o "$STATE_DIR/client.rgw.a.keyring"
radosgw -n client.rgw.a -f &
for _ in $(seq 1 300); do
  if radosgw-admin user create --uid=backup --display-name=backup --access-key="$S3_ACCESS_KEY" \
    --secret-key="$S3_SECRET_KEY" >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done
radosgw-admin user info --uid=backup >/dev/null
log "object store ready"
wait
