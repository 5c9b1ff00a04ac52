#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# restore-logs.sh TARGET DEST (uploader image, busybox sh + rclone): after restore-fetch.sh, what a point-in-time
# restore replays on the backup in DEST: the plan from the archive's indexes to TARGET (restore-plan.sh: latest,
# time:MICROSECONDS or gtid:GTID), written to DEST/plan, and the files it names, fetched into DEST/binlogs. Refuses,
# with restore-plan.sh's reason, a target the archive cannot reach exactly. Needs s3.sh's variables.
set -eu
# shellcheck source=s3.sh
. "$(dirname "$0")/s3.sh"

target=${1:?usage: restore-logs.sh TARGET DEST}
dest=${2:?usage: restore-logs.sh TARGET DEST}
here=$(dirname "$0")
[ -f "$dest/manifest" ] || fail "no $dest/manifest: fetch the backup first (restore-fetch.sh)"
s3_setup
gtid=$(sed -n 's/^gtid //p' "$dest/manifest")

mkdir "$S3_TMP/indexes"
rclone copy --include '*.index' "$(s3_path binlog/)" "$S3_TMP/indexes"
set -- "$S3_TMP"/indexes/*.index
[ -e "$1" ] || fail "the archive under $(s3_path binlog/) is empty"
sh "$here/restore-plan.sh" "$gtid" "$target" "$@" >"$S3_TMP/plan" || fail "no restore to $target"
rm -rf "$dest/binlogs"
mkdir -p "$dest/binlogs"
while read -r kind name _; do
  [ "$kind" = file ] || continue
  rclone copyto "$(s3_path "binlog/$name")" "$dest/binlogs/$name"
done <"$S3_TMP/plan"
cp "$S3_TMP/plan" "$dest/plan"
log "plan to $target: $(tr '\n' ' ' <"$dest/plan")"
