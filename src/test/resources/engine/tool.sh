#!/usr/bin/env bash
# Prints the directory that holds the binaries of a tool of the end-to-end suite, building it once.
#   tool.sh NAME
# NAME is a line of tools.conf (next to this script): NAME MODULE VERSION RELEASE. Every tool is built from
# source fetched through the Go module proxy (GOPROXY, checksums verified through its sum database proxy),
# with the Go at /usr/local/go or on PATH, offline from then on. A module whose go.mod replaces its
# sibling modules with paths of its own repository (Pulumi's sdk, Kubernetes' staging modules, etcd's api
# and client) is built through a wrapper module that requires it and points those siblings at their
# published versions of the same release (other path replaces, guards against stray imports, are dropped).
#
# Tools are cached in ${ENGINE_TOOL_CACHE:-/var/cache/mysql-cluster-engine/tools}/NAME-HASH, HASH being 12
# hex digits of the SHA-256 of the pin line, the Go version and the recipe layout: a complete tool (it has
# .tool-complete, written last) is reused without the network. A build goes to a temporary directory next
# to it and is renamed into place; a lock per NAME keeps concurrent callers from building it twice; the
# same NAME with another hash is removed after a successful build.
# Progress goes to stderr; the last line of stdout is the directory (its binaries are in it, no bin/).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pins=$here/tools.conf
cache=${ENGINE_TOOL_CACHE:-/var/cache/mysql-cluster-engine/tools}
# Bump when a recipe below changes, so that existing tools are rebuilt.
layout=1
marker=.tool-complete

log() { printf '%s tool: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $# -eq 1 && -n $1 ]] || die "usage: tool.sh NAME (a name from $pins)"
name=$1

module='' version='' release=''
known=()
while read -r n m v r _; do
  [[ -z $n || $n == \#* ]] && continue
  known+=("$n")
  [[ $n == "$name" ]] && { module=$m; version=$v; release=$r; }
done <"$pins"
[[ -n $module && -n $version && -n $release ]] || die "unknown tool '$name'; known: ${known[*]} (see $pins)"

PATH=/usr/local/go/bin:$PATH
command -v go >/dev/null || die "building $name needs Go (/usr/local/go/bin/go or go on PATH)"
go_version=$(go env GOVERSION)
hash=$(printf '%s\n' "layout=$layout" "$name $module $version $release" "$go_version" | sha256sum | cut -c1-12)
dir=$cache/$name-$hash

# shellcheck source=../lib/build-cache.sh
source "$here/../lib/build-cache.sh"
cached "$name" "$dir" "$marker" && exit 0
lock_build "$name" "$cache"
cached "$name" "$dir" "$marker" "built by another caller:" && exit 0

# The proxy only: a module it does not serve fails at once instead of falling back to a VCS checkout.
export GOPROXY=${GOPROXY_ENGINE_TOOLS:-https://proxy.golang.org} GOTOOLCHAIN=local CGO_ENABLED=0
export GOFLAGS='-mod=mod -trimpath -buildvcs=false'

# The directory of MODULE@VERSION in the module cache, downloaded if needed.
module_dir() { go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }

# The replace directives of a go.mod, one "OLD => NEW [VERSION]" per line, from both the one-line and the
# block form.
replaces_of() {
  awk '
    /^replace[[:space:]]*\($/ { block = 1; next }
    block && /^\)/ { block = 0; next }
    block && /=>/ { sub(/^[[:space:]]+/, ""); print; next }
    /^replace[[:space:]].*=>/ { sub(/^replace[[:space:]]+/, ""); print }
  ' "$1" | sed 's,[[:space:]]*//.*$,,'
}

# Writes the wrapper go.mod into the current directory: requires MODULE@VERSION, copies the non-path
# replaces of MODULE's go.mod (and of each EXTRA module's go.mod, required at EXTRA_VERSION), and points
# every path replace at the module it names at SIBLING_VERSION.
#   write_wrapper SIBLING_VERSION [EXTRA_MODULE EXTRA_VERSION]...
write_wrapper() {
  local sibling_version=$1 gomod go_line
  shift
  gomod=$(module_dir "$module" "$version")/go.mod
  go_line=$(grep -m1 '^go ' "$gomod")
  {
    echo "module mysqlcluster.test/build/$name"
    echo
    echo "$go_line"
    grep '^godebug ' "$gomod" || true
    echo
    echo "require $module $version"
    while (($# >= 2)); do
      echo "require $1 $2"
      replaces_of "$(module_dir "$1" "$2")/go.mod" | grep -v '=>[[:space:]]*\.' | sed 's/^/replace /' || true
      shift 2
    done
    replaces_of "$gomod" | while read -r line; do
      if [[ $line =~ =\>[[:space:]]*(\.\./|\./staging/) ]]; then
        echo "replace ${line%% *} => ${line%% *} $sibling_version"
      elif [[ $line =~ =\>[[:space:]]*\. ]]; then
        continue # a guard against imports that must not happen (etcd's FORBIDDEN_DEPENDENCY)
      else
        echo "replace $line"
      fi
    done
  } | awk '!seen[$0]++' >go.mod.new
  mv go.mod.new go.mod
}

# Each recipe builds in the current directory and writes its binaries to $out.
build_pulumi() {
  write_wrapper "$version" github.com/pulumi/pulumi/sdk/v3 "$version"
  go build -o "$out/" -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$release" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
}

build_pulumi-language-java() {
  write_wrapper "$version"
  go build -o "$out/" -ldflags "-X github.com/pulumi/pulumi-java/pkg/version.Version=$release" \
    github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java
}

# The provider's main embeds two JSON files that its go:generate step writes from committed ones, so it is
# built in a writable copy of the module, with its sibling sdk module at the same release instead of ../sdk.
build_pulumi-resource-kubernetes() {
  cp -r "$(module_dir "$module" "$version")" provider
  chmod -R u+w provider
  cd provider
  go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
    -require="github.com/pulumi/pulumi-kubernetes/sdk/v4@v$release"
  (cd cmd/pulumi-resource-kubernetes && VERSION=$release go generate)
  go build -o "$out/" -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$release" \
    ./cmd/pulumi-resource-kubernetes
}

# Kubernetes' staging modules are published as k8s.io/<module> v0.MINOR.PATCH of release v1.MINOR.PATCH. The
# version variables make the servers report their release (clients take old-cluster code paths on v0.0.0).
build_kubernetes() {
  local major minor
  write_wrapper "v0.${release#v1.}"
  IFS=. read -r major minor _ <<<"${release#v}"
  local v=k8s.io/component-base/version
  local flags="-X $v.gitVersion=$release -X $v.gitMajor=$major -X $v.gitMinor=$minor -X $v.gitTreeState=clean"
  flags+=" -X $v.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  flags+=" ${flags//component-base\/version/client-go\/pkg\/version}"
  go build -o "$out/" -ldflags "$flags" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
}

build_etcd() {
  write_wrapper "$version"
  go build -o "$out/etcd" go.etcd.io/etcd/server/v3
}

build_kwok() {
  write_wrapper "$version"
  go build -o "$out/" -ldflags "-X sigs.k8s.io/kwok/pkg/consts.Version=$release" sigs.k8s.io/kwok/cmd/kwok
}

tmp=$cache/.$name-$hash.building
build_log=$cache/$name-$hash.log
rm -rf -- "$tmp"
mkdir -p "$tmp/src"
out=$tmp
log "$name: building $module@$version ($release) with $go_version into $dir (log: $build_log)"
start=$SECONDS
if ! (cd "$tmp/src" && "build_$name") >"$build_log" 2>&1; then
  rm -rf -- "$tmp"
  log "$name: the build failed after $((SECONDS - start)) s; the end of $build_log:"
  tail -n 25 "$build_log" >&2
  die "could not build $name"
fi
rm -rf -- "$tmp/src"
printf 'name=%s\nmodule=%s\nversion=%s\nrelease=%s\ngo=%s\nhash=%s\nbuilt=%s\n' \
  "$name" "$module" "$version" "$release" "$go_version" "$hash" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/$marker"
mv -T "$tmp" "$dir"
log "$name: built in $((SECONDS - start)) s: $(cd "$dir" && echo *)"

remove_tree() { rm -rf -- "$1"; }
remove_outdated "$name" "$hash" "$cache" remove_tree
printf '%s\n' "$dir"
