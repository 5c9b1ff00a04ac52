#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Probes of the server container.
#   probe.sh alive   the server process answers (admin ping; succeeds even when a login would fail)
#   probe.sh ready   an authenticated SELECT 1 over TCP 127.0.0.1 works; on the primary (ordinal 0) that is all,
#                    its readiness never depends on the replicas. A replica also needs its replication to run and
#                    its lag to be at most REPLICA_MAX_LAG_SECONDS (readiness.sh, with its hysteresis); a failure
#                    says why in one line on stderr (the kubelet shows it in the pod's events).
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"
# shellcheck source=readiness.sh
source "$CONFIG_DIR/readiness.sh"

require_env MYSQL_PORT ROOT_PASSWORD
use_client_options root "$ROOT_PASSWORD"

case ${1:-} in
  alive)
    "$ADMIN_BIN" --defaults-extra-file="$CLIENT_OPTIONS" --connect-timeout=5 ping >/dev/null
    ;;
  ready)
    ready_for_reads
    ;;
  *)
    die "usage: probe.sh alive|ready"
    ;;
esac
