#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# restore-fetch.sh BACKUP DEST (uploader image, busybox sh): a full backup from the bucket into DEST, checked: its
# manifest (DEST/manifest, written last here too), its data streamed in and checked against the manifest's sha256:
# MySQL's tar unpacked into DEST/data, MariaDB's stream kept as DEST/data.xbstream for the server image's
# mbstream. BACKUP is a backup's id (its directory under full/) or "latest": the newest one that has a manifest. A
# backup without a manifest is unfinished: never taken. Needs ENGINE and s3.sh's variables.
set -eu
# shellcheck source=s3.sh
. "$(dirname "$0")/s3.sh"

backup=${1:?usage: restore-fetch.sh BACKUP DEST}
dest=${2:?usage: restore-fetch.sh BACKUP DEST}
: "${ENGINE:?}"
s3_setup
work=$S3_TMP

if [ "$backup" = latest ]; then
  backup=
  for id in $(rclone lsf --dirs-only "$(s3_path full/)" | tr -d / | sort -r); do
    if rclone lsf "$(s3_path "full/$id/manifest")" | grep -q .; then
      backup=$id
      break
    fi
  done
  [ -n "$backup" ] || fail "no finished backup under $(s3_path full/)"
fi
rclone cat "$(s3_path "full/$backup/manifest")" >"$work/manifest" 2>/dev/null || true
[ -s "$work/manifest" ] || fail "backup $backup has no manifest: unfinished, not restored"
value() {
  sed -n "s/^$1 //p" "$work/manifest"
}
[ "$(value engine)" = "$ENGINE" ] || fail "backup $backup is of $(value engine), this cluster runs $ENGINE"
data=$(value data)

rm -rf "$dest/data" "$dest/data.xbstream" "$dest/manifest"
mkdir -p "$dest"
mkfifo "$work/to-sum"
# rclone's SHA-256 (Go's, with the CPU's SHA instructions) keeps up with the stream; busybox's does not
rclone hashsum sha256 <"$work/to-sum" >"$work/sha256" &
sums=$!
log "fetching backup $backup ($(value size) bytes, $(value gtid)) into $dest"
case $ENGINE in
  mysql)
    mkdir "$dest/data"
    rclone cat "$(s3_path "full/$backup/$data")" | tee "$work/to-sum" | tar -x -C "$dest/data" ||
      fail "fetching or unpacking $data failed"
    ;;
  mariadb)
    rclone cat "$(s3_path "full/$backup/$data")" | tee "$work/to-sum" >"$dest/data.xbstream" ||
      fail "fetching $data failed"
    ;;
  *) fail "unknown ENGINE $ENGINE" ;;
esac
wait "$sums"
sum=$(cut -d ' ' -f 1 <"$work/sha256")
if [ "$sum" != "$(value sha256)" ]; then
  rm -rf "$dest/data" "$dest/data.xbstream"
  fail "backup $backup's data has sha256 $sum, its manifest says $(value sha256)"
fi
cp "$work/manifest" "$dest/manifest"
log "backup $backup fetched and checked"
