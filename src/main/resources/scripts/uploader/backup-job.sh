#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# backup-job.sh (uploader image; the backup job's upload, after backup-donor.sh): the full backup from the donor
# written to CLONE_DIR/donor into the bucket (backup-full.sh), then the retention pass (retention.sh), which only ever
# runs after a backup that finished. Needs CLONE_DIR and the variables of both.
set -eu
here=$(dirname "$0")
: "${CLONE_DIR:?}"
if [ ! -s "$CLONE_DIR/donor" ]; then
  echo "backup-job.sh: no donor in $CLONE_DIR/donor: the donor step did not run" >&2
  exit 1
fi
DONOR=$(cat "$CLONE_DIR/donor")
export DONOR
sh "$here/backup-full.sh"
exec sh "$here/retention.sh"
