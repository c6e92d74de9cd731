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
# [spelling]: Debian's hunspell en_US, and no personal dictionary of hers.
export XDG_CONFIG_HOME=$tmp/config-home
unset ENCHANT_CONFIG_DIR

fixtures=()
while IFS= read -r path; do
  fixtures+=("$path")
done < <(cd "$check_dir" && find . -name '*.tidings' | LC_ALL=C sort)

echo "1..$((${#fixtures[@]} + 2))"
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
# --library: March 2024 against a library without its neighbours (the
# fixtures' folder, whose month folders are two levels down): no repeat.
n=$((n + 1))
rc=0
(cd "$check_dir/repeat/2024-03" && "$cli" check --library "$check_dir" march-2024.tidings) \
  >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
  echo "ok $n - check --library names another library"
else
  failed=$((failed + 1))
  echo "not ok $n - check --library names another library: exit $rc"
  sed 's/^/# /' "$tmp/err"
fi

# An issue at the top of its library (not in a month folder) is compared
# with the issues beside it and in the month folders below.
n=$((n + 1))
mkdir -p "$tmp/library/2024-01"
cp "$check_dir/repeat/2023-06/june-2023.tidings" "$tmp/library/2024-01/"
cp "$check_dir/repeat/2024-03/march-2024.tidings" "$tmp/library/"
rc=0
(cd "$tmp/library" && "$cli" check march-2024.tidings) >"$tmp/out" 2>"$tmp/err" || rc=$?
expected='march-2024.tidings: warning: sections[2].body: this text repeats “Did you know?” from the issue of 2023-06 (2024-01/june-2023.tidings), and readers notice: write something new, or dismiss this if you mean to repeat it [repeat]'
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/err")" = "$expected" ]; then
  echo "ok $n - an issue at the top of its library"
else
  failed=$((failed + 1))
  echo "not ok $n - an issue at the top of its library: exit $rc"
  sed 's/^/# /' "$tmp/err"
fi

[ "$failed" -eq 0 ]
