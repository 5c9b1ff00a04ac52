#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Init container "init-config" (server image): the server's configuration for this pod's role.
# Writes into CONF_D_DIR: pod.cnf (server id = SERVER_ID_OFFSET + ordinal, the binary log and how
# long it is kept), primary.cnf (ordinal 0) or replica.cnf, and engine.cnf (the engine's own options,
# and its read-only variable on replicas). With the exporter on (EXPORTER_CONFIG_FILE set), also its
# [client] option file, mode 600, in its in-memory volume.
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

# A value for mysqld_exporter's option file: its parser (go-ini, UnescapeValueDoubleQuotes and
# IgnoreInlineComment in config/config.go) strips the surrounding double quotes and unescapes \" only,
# so backslashes and '#' stay as they are; a line break cannot be written at all.
exporter_option_quote() {
  printf '"%s"' "${1//\"/\\\"}"
}

if [[ -n ${EXPORTER_CONFIG_FILE:-} ]]; then
  require_env EXPORTER_USER EXPORTER_HOST MYSQL_PORT EXPORTER_PASSWORD
  rm -f "$EXPORTER_CONFIG_FILE"
  [[ $EXPORTER_PASSWORD != *$'\n'* ]] ||
    die "the exporter's password (Secret key exporter-password) contains a line break; its option file cannot hold it"
  (
    umask 077
    printf '[client]\nuser = %s\npassword = %s\nhost = %s\nport = %s\n' "$(exporter_option_quote "$EXPORTER_USER")" \
      "$(exporter_option_quote "$EXPORTER_PASSWORD")" "$EXPORTER_HOST" "$MYSQL_PORT" >"$EXPORTER_CONFIG_FILE"
  )
  log "the exporter logs in as $EXPORTER_USER@$EXPORTER_HOST:$MYSQL_PORT ($EXPORTER_CONFIG_FILE)"
fi

log "ordinal $ord is the $role, server_id $server_id"
