# shellcheck shell=bash
# The build cache shared by harness/image-root.sh and engine/tool.sh (sourced; both define log): builds named
# NAME-HASH in a cache directory, complete once they hold a marker file, built under a lock per NAME.

# Prints DIR and succeeds when the build in it is complete: cached NAME DIR MARKER [HOW]
cached() {
  [[ -f $2/$3 ]] || return 1
  log "$1: ${4:-cached} $2"
  printf '%s\n' "$2"
}

# Takes the lock of NAME in CACHE on file descriptor 9, waiting for another caller that builds it: lock_build NAME CACHE
lock_build() {
  mkdir -p "$2"
  exec 9>"$2/$1.lock"
  if ! flock -n 9; then
    log "$1: another caller is building it, waiting"
    flock 9
  fi
}

# Removes the builds of NAME in CACHE with another hash than HASH (directories with REMOVER, logs with rm):
# remove_outdated NAME HASH CACHE REMOVER
remove_outdated() {
  local old base
  for old in "$3/$1"-*; do
    base=${old##*/}
    base=${base%.log}
    [[ $base =~ ^.+-[0-9a-f]{12}$ && ${base%-*} == "$1" && $base != "$1-$2" ]] || continue
    if [[ -d $old ]]; then
      log "$1: removing the outdated $old"
      "$4" "$old"
    else
      rm -f -- "$old"
    fi
  done
}
