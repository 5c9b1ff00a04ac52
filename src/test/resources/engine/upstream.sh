#!/usr/bin/env bash
# Prints the paths of a set of upstream files of upstream.conf (next to this script), one per line, from the Go
# module cache; the module is downloaded through the Go module proxy once (checksum verified), then read offline.
#   upstream.sh NAME
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pins=$here/upstream.conf
die() { printf 'upstream: error: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 && -n $1 ]] || die "usage: upstream.sh NAME (a name from $pins)"
module='' version=''
files=()
known=()
while read -r n m v rest; do
  [[ -z $n || $n == \#* ]] && continue
  known+=("$n")
  if [[ $n == "$1" ]]; then
    module=$m
    version=$v
    read -r -a files <<<"$rest"
  fi
done <"$pins"
[[ -n $module ]] || die "unknown set '$1'; known: ${known[*]} (see $pins)"

PATH=/usr/local/go/bin:$PATH
command -v go >/dev/null || die "reading $module needs Go (/usr/local/go/bin/go or go on PATH)"
export GOPROXY=${GOPROXY_ENGINE_TOOLS:-https://proxy.golang.org} GOTOOLCHAIN=local GOFLAGS=-mod=mod
dir=$(cd / && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[[ -d $dir ]] || die "go mod download $module@$version gave no directory"
for f in "${files[@]}"; do
  [[ -f $dir/$f ]] || die "$module@$version has no $f"
  printf '%s\n' "$dir/$f"
done
