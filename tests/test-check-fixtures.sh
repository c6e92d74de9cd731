#!/bin/bash
# test-check-fixtures.sh TIDINGS_CLI TESTS_SRCDIR: "tidings-cli check" on
# the fixtures of data/check/, as TAP.
#
# Each fixture is an issue that breaks one practice-aware check (its folder
# is named for the code, "consent/consent.tidings"); data/check/repeat/ is a
# library of four issues. "check NAME", run in the fixture's folder, must
# print exactly the lines of NAME.expected on stderr (empty for
# clean/clean.tidings: every other check passes on these issues), nothing
# on stdout, and exit 1 when a line is an error, else 0.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 TIDINGS_CLI TESTS_SRCDIR" >&2
  exit 2
fi

cli=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
check_dir=$(cd "$2/data/check" && pwd)

export LC_ALL=C.UTF-8
unset LANGUAGE
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data-home

fixtures=()
while IFS= read -r path; do
  fixtures+=("$path")
done < <(cd "$check_dir" && find . -name '*.tidings' | LC_ALL=C sort)

echo "1..${#fixtures[@]}"
n=0
failed=0
for fixture in "${fixtures[@]}"; do
  n=$((n + 1))
  dir=$check_dir/$(dirname "$fixture")
  name=$(basename "$fixture")
  expected_rc=0
  if grep -q ': error: ' "$dir/$name.expected"; then
    expected_rc=1
  fi
  rc=0
  (cd "$dir" && "$cli" check "$name") >"$tmp/out" 2>"$tmp/err" || rc=$?
  if [ "$rc" -eq "$expected_rc" ] && [ ! -s "$tmp/out" ] &&
     cmp -s "$tmp/err" "$dir/$name.expected"; then
    echo "ok $n - check ${fixture#./}"
  else
    failed=$((failed + 1))
    echo "not ok $n - check ${fixture#./}: exit $rc (expected $expected_rc)"
    diff -u "$dir/$name.expected" "$tmp/err" | sed 's/^/# /' || true
    sed 's/^/# stdout: /' "$tmp/out"
  fi
done
[ "$failed" -eq 0 ]
