#!/usr/bin/env bash
# Usage: stack-file.sh STACK, in the project's directory.
# pulumi/actions has no --config-file input: it runs pulumi on Pulumi.<stack>.yaml next to Pulumi.yaml. dev's file is
# there; the other stacks' are in stacks/, and this copies the stack's one there. It refuses what would make the
# stack run with the wrong config or a new passphrase salt:
# - Pulumi.<stack>.yaml committed beside stacks/Pulumi.<stack>.yaml (the copy would be skipped or shadowed);
# - with a self-managed backend (PULUMI_BACKEND_URL, passphrase secrets), a stack file without encryptionsalt: each
#   run would mint a new salt instead of the one the stack's state was encrypted with.
set -euo pipefail

fail() {
  echo "::error::$*"
  exit 1
}

stack=${1:?usage: stack-file.sh STACK}
root=Pulumi.$stack.yaml
kept=stacks/Pulumi.$stack.yaml

if [[ -f $kept ]]; then
  [[ ! -e $root ]] ||
    fail "both $root and $kept are in the repository: the stack's config is $kept; delete $root" \
      "(.gitignore keeps it out; pulumi stack init writes it, see docs/stacks.md)"
  file=$kept
elif [[ -f $root ]]; then
  file=$root
else
  fail "no stack file for $stack: neither $root nor $kept exists"
fi

if [[ -n ${PULUMI_BACKEND_URL:-} ]] && ! grep -q '^encryptionsalt:' "$file"; then
  fail "$file has no encryptionsalt line: commit the one pulumi stack init wrote for $stack" \
    "(docs/stacks.md shows how it moves into $file)"
fi

if [[ $file == "$kept" ]]; then
  cp "$kept" "$root"
fi
echo "$stack: $file"
