#!/usr/bin/env bash
# Starts one emulated container. Run by the harness as root, already inside the pod's network and UTS
# namespaces (hostname = pod name) and in fresh mount and PID namespaces, as PID 1 of the latter.
#   container.sh SPEC -- COMMAND...
# SPEC has one instruction per line, tab-separated, the root first:
#   root IMAGE DIR        the image's root filesystem: an overlay of IMAGE (read-only, shared by every
#                         container of that image) and DIR/upper (this container's writable layer)
#   bind SRC DST ro|rw    a volume mount at DST inside the container (created when the image lacks it)
#   tmpfs DST UID GID     a private runtime directory, e.g. /run/mysqld
#   user UID GID          whom COMMAND runs as (runAsUser/runAsGroup)
# then /proc and /dev are mounted in the root, and COMMAND (looked up in the image) becomes PID 1 of the
# container, chrooted into the image's root, as in a real container.
set -euo pipefail
spec=$1
shift
[[ ${1:-} == -- ]] || { echo "usage: container.sh SPEC -- COMMAND..." >&2; exit 2; }
shift

root=
uid=
gid=
# mount_point DST SRC: DST inside the root, created like SRC (a directory or a file).
mount_point() {
  local target=$root$1
  if [[ -d $2 ]]; then
    mkdir -p "$target"
  elif [[ ! -e $target ]]; then
    mkdir -p "$(dirname "$target")"
    touch "$target"
  fi
  printf '%s\n' "$target"
}

while IFS=$'\t' read -r what a b c; do
  case $what in
    root)
      mkdir -p "$b/upper" "$b/work" "$b/merged"
      mount -t overlay overlay -o "lowerdir=$a,upperdir=$b/upper,workdir=$b/work" "$b/merged"
      root=$b/merged
      ;;
    bind)
      [[ -n $root ]] || { echo "container.sh: 'bind' before 'root' in $spec" >&2; exit 2; }
      target=$(mount_point "$b" "$a")
      mount --bind "$a" "$target"
      if [[ $c == ro ]]; then
        mount -o remount,bind,ro "$target"
      fi
      ;;
    tmpfs)
      [[ -n $root ]] || { echo "container.sh: 'tmpfs' before 'root' in $spec" >&2; exit 2; }
      mkdir -p "$root$a"
      mount -t tmpfs -o "mode=0755,uid=$b,gid=$c" tmpfs "$root$a"
      ;;
    user) uid=$a gid=$b ;;
    '') ;;
    *) echo "container.sh: unknown instruction '$what' in $spec" >&2; exit 2 ;;
  esac
done <"$spec"
[[ -n $root ]] || { echo "container.sh: no root in $spec" >&2; exit 2; }
[[ -n $uid && -n $gid ]] || { echo "container.sh: no user in $spec" >&2; exit 2; }

mkdir -p "$root/proc" "$root/dev"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"

exec setpriv --no-new-privs -- chroot --userspec="$uid:$gid" --groups="$gid" "$root" "$@"
