#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# restore-datadir.sh DEST (server image): the backup restore-fetch.sh left in DEST made into a datadir,
# DEST/datadir, finished the way a clone is (engine.sh: unpacked, then prepared where the engine needs it; after an
# attempt cut short, MariaDB's is unpacked anew from the kept stream, MySQL's goes on, its replay skipping by GTID), without
# the donor's identity and replica configuration (CLONE_DISCARD_FILES) or the stream's end file. Its GTID set is
# the manifest's; replay-binlogs.sh takes it on from there.
set -euo pipefail
# shellcheck source=common.sh
source "${CONFIG_DIR:?CONFIG_DIR is not set}/common.sh"
# shellcheck source=engine/mariadb.sh
source "$CONFIG_DIR/engine.sh"

dest=${1:?usage: restore-datadir.sh DEST}
[[ -f $dest/manifest ]] || die "no $dest/manifest: the backup was not fetched completely"
engine_restore_unpack "$dest" "$dest/datadir"
engine_clone_finish "$dest/datadir" || die "the backup in $dest/datadir could not be finished"
for file in "${CLONE_DISCARD_FILES[@]}" "$STREAM_END_FILE"; do
  rm -f "${dest:?}/datadir/$file"
done
sync -f "$dest/datadir"
log "datadir restored in $dest/datadir: $(sed -n 's/^gtid //p' "$dest/manifest")"
