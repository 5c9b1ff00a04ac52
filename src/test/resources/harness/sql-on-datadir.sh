#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# sql-on-datadir.sh DATADIR (server image, CONFIG_DIR holding common.sh and engine.sh): the SQL on stdin run on a
# local server started on DATADIR, whatever its passwords (a temporary local administrator, as replay-binlogs.sh
# uses); prints the rows. How the harness looks into a datadir no pod runs, e.g. a restored one.
set -euo pipefail
# shellcheck source=../../../main/resources/scripts/common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=../../../main/resources/scripts/engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

datadir=${1:?usage: sql-on-datadir.sh DATADIR}
sql=$(cat)
use_local_admin
start_local_server --no-defaults "$datadir"
local_sql <<<"$sql"
drop_local_admin
stop_local_server
