#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Probes of the server container.
#   probe.sh alive   the server process answers (admin ping; succeeds even when a login would fail)
#   probe.sh ready   an authenticated SELECT 1 over TCP 127.0.0.1 works, and a replica's replication has
#                    not stopped for good (see replication_stopped_for_good in common.sh)
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

require_env MYSQL_PORT ROOT_PASSWORD
use_client_options root "$ROOT_PASSWORD"

case ${1:-} in
  alive)
    "$ADMIN_BIN" --defaults-extra-file="$CLIENT_OPTIONS" --connect-timeout=5 ping >/dev/null
    ;;
  ready)
    answer=$(sql_value 'SELECT 1')
    [[ $answer == 1 ]] || die "SELECT 1 answered '$answer'"
    if problem=$(replication_stopped_for_good); then
      die "$problem"
    fi
    ;;
  *)
    die "usage: probe.sh alive|ready"
    ;;
esac
