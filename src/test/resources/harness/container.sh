#!/usr/bin/env bash
# Starts one emulated container. Run by the harness as root, already inside the pod's network and UTS
# namespaces (hostname = pod name) and in fresh mount and PID namespaces, as PID 1 of the latter.
#   container.sh SPEC -- COMMAND...
# SPEC has one instruction per line, tab-separated:
#   bind SRC DST ro|rw    a volume mount (DST exists)
#   tmpfs DST UID GID     a private runtime directory, e.g. /run/mysqld
#   user UID GID          whom COMMAND runs as (runAsUser/runAsGroup)
# then it becomes COMMAND (exec), so COMMAND is the container's PID 1, as in a real container.
set -euo pipefail
spec=$1
shift
[[ ${1:-} == -- ]] || { echo "usage: container.sh SPEC -- COMMAND..." >&2; exit 2; }
shift

uid=
gid=
while IFS=$'\t' read -r what a b c; do
  case $what in
    bind)
      mount --bind "$a" "$b"
      if [[ $c == ro ]]; then
        mount -o remount,bind,ro "$b"
      fi
      ;;
    tmpfs) mount -t tmpfs -o "mode=0755,uid=$b,gid=$c" tmpfs "$a" ;;
    user) uid=$a gid=$b ;;
    '') ;;
    *) echo "container.sh: unknown instruction '$what' in $spec" >&2; exit 2 ;;
  esac
done <"$spec"
[[ -n $uid && -n $gid ]] || { echo "container.sh: no user in $spec" >&2; exit 2; }

cd /
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs -- "$@"
