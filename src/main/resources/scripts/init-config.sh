#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Init container "init-config" (server image): the server's configuration for this pod's role.
# Writes into CONF_D_DIR: pod.cnf (server id = SERVER_ID_OFFSET + ordinal, the binary log and how
# long it is kept), primary.cnf (ordinal 0) or replica.cnf, and engine.cnf (the engine's own options,
# and its read-only variable on replicas).
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env CONF_D_DIR SERVER_ID_OFFSET CONNECT_RETRY_COUNT REPLICA_NET_TIMEOUT_SECONDS BINLOG_BASENAME BINLOG_EXPIRE_SECONDS

ord=$(ordinal)
server_id=$((SERVER_ID_OFFSET + ord))
if ((ord == 0)); then
  role=primary
else
  role=replica
fi

# A restarted init container starts from a clean slate.
rm -f "$CONF_D_DIR/pod.cnf" "$CONF_D_DIR/primary.cnf" "$CONF_D_DIR/replica.cnf" "$CONF_D_DIR/engine.cnf"

# Every pod writes a binary log (any replica can be cloned from and promoted); both engines purge
# files older than binlog_expire_logs_seconds.
printf '[mysqld]\nserver_id=%s\nlog_bin=%s\nbinlog_expire_logs_seconds=%s\n' \
  "$server_id" "$BINLOG_BASENAME" "$BINLOG_EXPIRE_SECONDS" >"$CONF_D_DIR/pod.cnf"
cp "$CONFIG_DIR/$role.cnf" "$CONF_D_DIR/$role.cnf"
{
  engine_server_cnf
  if [[ $role == replica ]]; then
    printf '%s=ON\n' "$READ_ONLY_VARIABLE"
  fi
} >"$CONF_D_DIR/engine.cnf"

log "ordinal $ord is the $role, server_id $server_id"
