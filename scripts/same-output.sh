#!/usr/bin/env bash
# Does this checkout render the corpus, the seed, the pandoc fixtures and the example site
# byte for byte as revision REV did?  usage: scripts/same-output.sh REV
# Builds REV in a temporary worktree, renders everything with both CLIs and diffs the trees.
set -euo pipefail
rev=${1:?usage: scripts/same-output.sh REV}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$repo" worktree add -q --detach "$work/base" "$rev"
(cd "$work/base" && npm ci --no-audit --no-fund >/dev/null 2>&1)
(cd "$repo" && npm run build >/dev/null)
render() { # $1: checkout, $2: output folder
  mkdir -p "$2"
  for post in "$repo"/fixtures/corpus/*.md "$repo"/fixtures/posts/*.md "$repo"/fixtures/pandoc/*.md; do
    name=$(basename "$(dirname "$post")")-$(basename "$post" .md)
    (cd "$repo" && node "$1/bin/mlpost.js" render "$post" -o "$2/$name" >/dev/null 2>&1 || true)
  done
  rm -rf "$work/site" && cp -r "$repo/example-site" "$work/site" && rm -rf "$work/site/dist" "$work/site/.mlpost-cache"
  node "$1/bin/mlpost.js" build "$work/site" -o "$2/example-site" >/dev/null 2>&1 || true
}
render "$work/base" "$work/before"
render "$repo" "$work/after"
if diff -r "$work/before" "$work/after" > "$work/diff.txt"; then
  echo "same output as $rev"
else
  diff -rq "$work/before" "$work/after" | sed "s#$work/##g"
  exit 1
fi
