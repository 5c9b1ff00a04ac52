#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# replay-binlogs.sh DATADIR LOGS_DIR PLAN (server image): applies archived binary log files (in LOGS_DIR, under
# their own names) to a restored backup's datadir as restore-plan.sh's PLAN says: each "file NAME FROM TO" line's
# transactions from byte FROM up to byte TO, in order, through "last GTID", the last one applied. The engine does the
# applying (engine.sh: MySQL's applier reading the files as relay logs; MariaDB's mariadb-binlog into the client),
# on a local server without networking or binary log; the datadir stays stopped afterwards.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

datadir=${1:?usage: replay-binlogs.sh DATADIR LOGS_DIR PLAN}
logs=${2:?usage: replay-binlogs.sh DATADIR LOGS_DIR PLAN}
plan=${3:?usage: replay-binlogs.sh DATADIR LOGS_DIR PLAN}

files=()
from=
to=
last=
while read -r kind name start end; do
  case $kind in
    file)
      [[ -f $logs/$name ]] || die "the plan names $name, which is not in $logs"
      files+=("$name")
      [[ -n $from ]] || from=$start
      to=$end
      ;;
    last) last=$name ;;
    *) die "a plan line this script does not know: $kind $name" ;;
  esac
done <"$plan"
[[ -n $last ]] || die "the plan $plan has no last line: it is not complete"
if [[ $last == none ]]; then
  log "nothing to replay: the backup is the target"
  exit 0
fi
log "replaying ${#files[@]} binary log file(s) onto $datadir, through $last"
# the datadir's accounts are its old cluster's: a local administrator of this run's own logs in
use_local_admin
engine_replay_binlogs "$datadir" "$logs" "$last" "$from" "$to" "${files[@]}"
log "replayed through $last"
