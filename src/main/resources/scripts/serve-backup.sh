#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# MariaDB only. Run by the sidecar's socat for each peer that connects to CLONE_PORT: streams a backup of this
# server to stdout (the connection), then STREAM_END_FILE. A receiver that has not got that last
# file has not got a complete backup, whatever the exit statuses on its side say. The file's one line says what the
# backup is, in plain text inside the stream's last bytes (a backup job reads it there, without unpacking):
#   mysql-cluster-stream-end donor=POD version=VERSION gtid=GTID binlog=FILE:POSITION
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env DATA_DIR MYSQL_PORT BACKUP_USER BACKUP_PASSWORD

work=$(mktemp -d /tmp/serve-backup.XXXXXX)
options=
write_client_options options "$BACKUP_USER" "$BACKUP_PASSWORD"
at_exit rm -rf "$work"
mkdir "$work/backup" "$work/end" "$work/info"

log "streaming a backup of $DATA_DIR to ${SOCAT_PEERADDR:-a peer}"
"$BACKUP_BIN" --defaults-extra-file="$options" --backup --stream=xbstream --slave-info \
  --datadir="$DATA_DIR" --target-dir="$work/backup" --extra-lsndir="$work/info"
stream_end_line "$HOSTNAME" "$work/info" >"$work/end/$STREAM_END_FILE"
(cd "$work/end" && "$STREAM_BIN" -c "$STREAM_END_FILE")
log "backup sent to ${SOCAT_PEERADDR:-the peer}"
