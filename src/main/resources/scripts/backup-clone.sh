#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# backup-clone.sh (server image; MySQL's backup job, before backup-full.sh): the donor's datadir, cloned into
# CLONE_DIR/data the way a replica gets its own (engine.sh: CLONE INSTANCE into a local recipient), and
# CLONE_DIR/info, the line backup-full.sh takes for the manifest:
#   mysql-cluster-stream-end donor=DONOR version=VERSION gtid=SET binlog=
# The set is read from the copy itself, on a local server started and cleanly stopped on it under a temporary
# administrator (its accounts are the cluster's); a clone into a directory records no binary log position.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mysql.sh
source "$CONFIG_DIR/engine.sh"

require_env CLONE_DIR DONOR MYSQL_PORT CLONE_RETRIES CLONE_RETRY_SECONDS

data=$CLONE_DIR/data
donor=${DONOR:?}
rm -rf "$data" "$CLONE_DIR/info"
log "cloning $donor into $data"
engine_clone_begin "$donor"
retry "$CLONE_RETRIES" "$CLONE_RETRY_SECONDS" engine_clone_receive "$donor" "$data" ||
  die "no complete clone from $donor after $CLONE_RETRIES attempts ${CLONE_RETRY_SECONDS}s apart"
engine_clone_finish "$data" || die "the clone in $data is not complete"

use_local_admin
start_local_server --no-defaults "$data"
gtid=$(local_sql <<<'SELECT @@GLOBAL.gtid_executed' | tr -d '\n')
version=$(local_sql <<<'SELECT @@GLOBAL.version')
drop_local_admin
stop_local_server
printf 'mysql-cluster-stream-end donor=%s version=%s gtid=%s binlog=\n' "$donor" "$version" "$gtid" >"$CLONE_DIR/info"
log "cloned $donor at $gtid"
