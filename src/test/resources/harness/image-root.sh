#!/usr/bin/env bash
# Prints the path of a root filesystem that stands in for a container image, building it once.
#   image-root.sh NAME
# NAME is a line of image-roots.conf (next to this script): NAME DEBIAN-SUITE PACKAGE...
# Run as root. The root is built with mmdebstrap (Debian's Essential:yes set plus the packages, from
# mmdebstrap's default mirror, signatures checked against the Debian archive keyring), then made to look
# like the official image where the harness relies on it: a `mysql` user and group with uid/gid 999
# owning /var/lib/mysql (empty), /run/mysqld and, for MySQL, /var/lib/mysql-files; /etc/mysql exists
# (the harness mounts its own over it, so what the packages put there is left as it is); /etc/hosts
# (localhost only), /etc/hostname and an empty /etc/resolv.conf instead of this machine's.
#
# Roots are cached in ${IMAGE_ROOT_CACHE:-/var/cache/mysql-cluster-harness/roots}/NAME-HASH, HASH being
# 12 hex digits of the SHA-256 of the recipe line and the build options: a complete root (it has
# .image-root-complete, written last) is reused without the network. A build goes to a temporary
# directory next to it and is renamed into place; a lock per NAME keeps concurrent callers from building
# it twice; roots of the same NAME with another hash are removed after a successful build.
# Progress goes to stderr; the last line of stdout is the root's path.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
recipes=$here/image-roots.conf
cache=${IMAGE_ROOT_CACHE:-/var/cache/mysql-cluster-harness/roots}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
# Bump when fix_up changes, so that existing roots are rebuilt.
layout=3
marker=.image-root-complete
# The reachable archive may be a frozen snapshot: sid's Release file says it is valid for a week only,
# so apt would refuse it as expired. Min-ValidTime accepts a Release for this long after its Date (apt
# still checks its signature); stable suites' Release files carry no Valid-Until at all.
min_valid=$((366 * 24 * 3600))

log() { printf '%s image-root: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $# -eq 1 && -n $1 ]] || die "usage: image-root.sh NAME (a name from $recipes)"
name=$1

suite=
packages=()
known=()
while read -r n s rest; do
  [[ -z $n || $n == \#* ]] && continue
  known+=("$n")
  if [[ $n == "$name" ]]; then
    suite=$s
    read -r -a packages <<<"$rest"
  fi
done <"$recipes"
[[ -n $suite ]] || die "unknown image root '$name'; known: ${known[*]} (see $recipes)"
((${#packages[@]} > 0)) || die "no packages for '$name' in $recipes"

include=$(IFS=,; printf '%s' "${packages[*]}")
options=(
  --mode=root --variant=essential --format=directory
  --keyring="$keyring"
  --aptopt="Acquire::Min-ValidTime \"$min_valid\""
  --include="$include"
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-include=/usr/share/locale/locale.alias'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
)
hash=$(printf '%s\n' "layout=$layout" "$name $suite ${packages[*]}" "${options[@]}" | sha256sum | cut -c1-12)
root=$cache/$name-$hash

# shellcheck source=../lib/build-cache.sh
source "$here/../lib/build-cache.sh"
cached "$name" "$root" "$marker" && exit 0

[[ $EUID -eq 0 ]] || die "building $name needs root"
command -v mmdebstrap >/dev/null || die "building $name needs mmdebstrap (apt-get install mmdebstrap)"
[[ -r $keyring ]] || die "building $name needs $keyring (apt-get install debian-archive-keyring)"
lock_build "$name" "$cache"
cached "$name" "$root" "$marker" "built by another caller:" && exit 0

# Unmounts whatever an interrupted build left mounted below $1 (mmdebstrap mounts /proc, /dev, /sys).
unmount_below() {
  local target
  findmnt -rn -o TARGET | awk -v d="$1/" 'index($0, d) == 1' | sort -r | while read -r target; do
    umount -l "$target" || true
  done
}

remove_tree() {
  [[ -e $1 ]] || return 0
  unmount_below "$1"
  rm -rf --one-file-system -- "$1"
}

# Makes the root look like the official image where the harness relies on it.
fix_up() {
  local r=$1 old_uid old_gid clash
  clash=$(awk -F: '$3 == 999 && $1 != "mysql" { print $1 }' "$r/etc/passwd")
  [[ -z $clash ]] || die "$name: uid 999 is taken by '$clash' in the root"
  clash=$(awk -F: '$3 == 999 && $1 != "mysql" { print $1 }' "$r/etc/group")
  [[ -z $clash ]] || die "$name: gid 999 is taken by '$clash' in the root"

  old_gid=$(awk -F: '$1 == "mysql" { print $3 }' "$r/etc/group")
  if [[ -z $old_gid ]]; then
    echo 'mysql:x:999:' >>"$r/etc/group"
    [[ ! -f $r/etc/gshadow ]] || echo 'mysql:!::' >>"$r/etc/gshadow"
  elif [[ $old_gid != 999 ]]; then
    sed -i 's/^mysql:\([^:]*\):[0-9]*:/mysql:\1:999:/' "$r/etc/group"
    sed -i "s/^\([^:]*:[^:]*:[^:]*:\)$old_gid:/\\1999:/" "$r/etc/passwd"
    find "$r" -xdev -gid "$old_gid" -exec chgrp -h 999 {} +
  fi
  old_uid=$(awk -F: '$1 == "mysql" { print $3 }' "$r/etc/passwd")
  if [[ -z $old_uid ]]; then
    echo 'mysql:x:999:999:MySQL Server:/var/lib/mysql:/bin/false' >>"$r/etc/passwd"
    [[ ! -f $r/etc/shadow ]] || echo 'mysql:!:::::::' >>"$r/etc/shadow"
  elif [[ $old_uid != 999 ]]; then
    sed -i 's/^mysql:\([^:]*\):[0-9]*:[0-9]*:/mysql:\1:999:999:/' "$r/etc/passwd"
    find "$r" -xdev -uid "$old_uid" -exec chown -h 999 {} +
  fi

  # mmdebstrap copies this machine's resolv.conf and hostname and writes no hosts file; a container
  # runtime provides all three. Neutral ones instead (mariadb-install-db fails when neither the host
  # name nor localhost resolves); the harness can bind-mount a pod's files over them.
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$r/etc/hosts"
  echo localhost >"$r/etc/hostname"
  : >"$r/etc/resolv.conf"
  chmod 0644 "$r/etc/hosts" "$r/etc/hostname" "$r/etc/resolv.conf"

  # The uploader image is Alpine's, whose busybox applets (sh, nc, od, awk, tar, sha256sum...) are what its
  # scripts run: a root with busybox gets them in /usr/local/bin, ahead of Debian's tools on the pods' PATH.
  if [[ -x $r/bin/busybox ]]; then
    chroot "$r" /bin/busybox --install -s /usr/local/bin
  fi

  # As the images do: an empty datadir (Debian's postinst may have initialised one) and the runtime
  # directory, both world-writable with the sticky bit, as in the mysql and mariadb images.
  rm -rf --one-file-system "$r/var/lib/mysql"
  mkdir -p "$r/var/lib/mysql" "$r/run/mysqld" "$r/etc/mysql"
  chown 999:999 "$r/var/lib/mysql" "$r/run/mysqld"
  chmod 1777 "$r/run/mysqld"
  if [[ ! -e $r/usr/sbin/mariadbd ]]; then
    # MySQL refuses to start when secure_file_priv's directory (built-in default) is missing.
    chmod 1777 "$r/var/lib/mysql"
    mkdir -p "$r/var/lib/mysql-files"
    chown 999:999 "$r/var/lib/mysql-files"
    chmod 0750 "$r/var/lib/mysql-files"
  else
    chmod 0755 "$r/var/lib/mysql"
  fi
}

tmp=$cache/.$name-$hash.building
build_log=$cache/$name-$hash.log
remove_tree "$tmp"
mkdir -m 0755 "$tmp"
log "$name: building Debian $suite with ${packages[*]} into $root (log: $build_log)"
start=$SECONDS
if ! mmdebstrap "${options[@]}" "$suite" "$tmp" >"$build_log" 2>&1; then
  remove_tree "$tmp"
  log "$name: mmdebstrap failed after $((SECONDS - start)) s; the end of $build_log:"
  tail -n 25 "$build_log" >&2
  die "could not build $name"
fi
fix_up "$tmp"
printf 'name=%s\nsuite=%s\npackages=%s\nhash=%s\nbuilt=%s\n' \
  "$name" "$suite" "${packages[*]}" "$hash" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/$marker"
mv -T "$tmp" "$root"
log "$name: built in $((SECONDS - start)) s, $(du -sh "$root" | cut -f1): $root"

remove_outdated "$name" "$hash" "$cache" remove_tree
printf '%s\n' "$root"
