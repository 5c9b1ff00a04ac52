#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# restore-accounts.sh DATADIR (server image; the clone step of a restore, after replay-binlogs.sh): the restored
# datadir's root and application accounts given this stack's passwords from its Secret (the backup has its old
# cluster's), through a local server under a temporary administrator; the sidecar does the same for the replication,
# backup and exporter users when the server starts.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

datadir=${1:?usage: restore-accounts.sh DATADIR}
require_env ROOT_PASSWORD

use_local_admin
start_local_server --no-defaults "$datadir"
stack_accounts_sql | local_sql
drop_local_admin
stop_local_server
log "the restored accounts have this stack's passwords: root${APP_USER:+, $APP_USER on $APP_DATABASE}"
