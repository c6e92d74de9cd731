#!/bin/bash
# test-cli.sh TIDINGS_CLI TESTS_SRCDIR: the command-line contract of
# tidings-cli (exit codes, diagnostics, "format"), as TAP.
#
# Every file in data/bad/ must be refused with exactly the diagnostics in its
# .expected file, printed as "FILE..." with the bare file name when run from
# that folder. data/bad/generate-large.sh makes the one case too big to
# commit (a file over the 8 MiB limit) at run time.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 TIDINGS_CLI TESTS_SRCDIR" >&2
  exit 2
fi

abs_path () {
  (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")")
}

cli=$(abs_path "$1")
srcdir=$(cd "$2" && pwd)
bad_dir=$srcdir/data/bad
sample_dir=$srcdir/../data/samples/august-2023
sample=$sample_dir/august-2023.tidings

# Untranslated messages, UTF-8 output, and no backups in the real home.
export LC_ALL=C.UTF-8
unset LANGUAGE
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data-home

bad_files=()
while IFS= read -r name; do
  bad_files+=("$name")
done < <(cd "$bad_dir" && LC_ALL=C ls -1 -- *.tidings)

# 28 fixed tests, one per corpus file, one for the generated large file.
planned=$((28 + ${#bad_files[@]} + 1))
echo "1..$planned"

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
}

skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# run OUT ERR CMD...: runs CMD with stdout and stderr captured; sets rc.
run () {
  local out=$1 err=$2

  shift 2
  rc=0
  "$@" >"$out" 2>"$err" || rc=$?
}

# --- the command line itself ---------------------------------------------

version=$(sed -n "s/^ *version: *'\([^']*\)',*$/\1/p" "$srcdir/../meson.build" | head -n 1)
run "$tmp/out" "$tmp/err" "$cli" --version
if [ -n "$version" ]; then
  expected_version="tidings-cli $version"
  got=$(cat "$tmp/out")
  if [ "$rc" -eq 0 ] && [ "$got" = "$expected_version" ]; then
    ok "--version prints \"$expected_version\" and exits 0"
  else
    not_ok "--version prints \"$expected_version\" and exits 0" "exit $rc" "stdout: $got"
  fi
elif [ "$rc" -eq 0 ] && grep -Eq '^tidings-cli [0-9]+(\.[0-9]+)*' "$tmp/out"; then
  ok "--version prints tidings-cli and a version and exits 0"
else
  not_ok "--version prints tidings-cli and a version and exits 0" "exit $rc" "stdout: $(cat "$tmp/out")"
fi

run "$tmp/out" "$tmp/err" "$cli" --help
if [ "$rc" -eq 0 ] && grep -Eq '^ +validate ' "$tmp/out" && grep -Eq '^ +format ' "$tmp/out"; then
  ok "--help exits 0 and lists validate and format"
else
  not_ok "--help exits 0 and lists validate and format" "exit $rc" "stdout: $(cat "$tmp/out")"
fi

run "$tmp/out" "$tmp/err" "$cli"
if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ]; then
  ok "no arguments: usage on stderr, exit 2"
else
  not_ok "no arguments: usage on stderr, exit 2" "exit $rc"
fi

run "$tmp/out" "$tmp/err" "$cli" frobnicate "$sample"
if [ "$rc" -eq 2 ] && grep -q 'frobnicate' "$tmp/err"; then
  ok "unknown command: named on stderr, exit 2"
else
  not_ok "unknown command: named on stderr, exit 2" "exit $rc" "stderr: $(cat "$tmp/err")"
fi

run "$tmp/out" "$tmp/err" "$cli" validate
if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ]; then
  ok "validate without a file: usage error, exit 2"
else
  not_ok "validate without a file: usage error, exit 2" "exit $rc"
fi

# --- validate -------------------------------------------------------------

run "$tmp/out" "$tmp/err" "$cli" validate "$sample"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then
  ok "validate the bundled sample: exit 0, no output"
else
  not_ok "validate the bundled sample: exit 0, no output" "exit $rc" "stderr: $(cat "$tmp/err")"
fi

first_bad=${bad_files[0]}
run "$tmp/out" "$tmp/err" "$cli" validate "$sample" "$bad_dir/$first_bad"
if [ "$rc" -eq 1 ] && grep -qF -- "$bad_dir/$first_bad:" "$tmp/err" &&
   ! grep -qF -- "$sample" "$tmp/err"; then
  ok "validate GOOD BAD: exit 1, diagnostics for the bad file only"
else
  not_ok "validate GOOD BAD: exit 1, diagnostics for the bad file only" "exit $rc" \
    "stderr: $(cat "$tmp/err")"
fi

missing=$tmp/no-such-issue.tidings
run "$tmp/out" "$tmp/err" "$cli" validate "$missing"
if [ "$rc" -eq 1 ] && [ "$(head -c ${#missing} "$tmp/err")" = "$missing" ] &&
   grep -qF -- "$missing: error: cannot open: " "$tmp/err" &&
   [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
  ok "validate a missing file: \"FILE: error: cannot open: ...\", exit 1"
else
  not_ok "validate a missing file: \"FILE: error: cannot open: ...\", exit 1" "exit $rc" \
    "stderr: $(cat "$tmp/err")"
fi

mkdir "$tmp/folder.tidings"
run "$tmp/out" "$tmp/err" "$cli" validate "$tmp/folder.tidings"
if [ "$rc" -eq 1 ] && grep -qF -- "$tmp/folder.tidings: error: " "$tmp/err"; then
  ok "validate a directory: an error, exit 1"
else
  not_ok "validate a directory: an error, exit 1" "exit $rc" "stderr: $(cat "$tmp/err")"
fi

# Not regular files: a device is never read to its (absent) end, a FIFO
# never waited on. The timeout turns a hang into a failure.
check_not_regular () {
  local path=$1 what=$2

  run "$tmp/out" "$tmp/err" timeout 20 "$cli" validate "$path"
  if [ "$rc" -eq 1 ] &&
     grep -qxF -- "$path: error: cannot open: it is not a regular file (a device, a pipe or a socket)" "$tmp/err"; then
    ok "validate $what: refused at once, exit 1"
  else
    not_ok "validate $what: refused at once, exit 1" "exit $rc" "stderr: $(head -c 2000 "$tmp/err")"
  fi
}
check_not_regular /dev/zero "/dev/zero"
mkfifo "$tmp/fifo.tidings"
check_not_regular "$tmp/fifo.tidings" "a FIFO named x.tidings"

# --- export: where it may write ---------------------------------------------

run "$tmp/out" "$tmp/err" "$cli" export --format=text "$sample" -o ''
if [ "$rc" -eq 2 ] && grep -qF -- "-o" "$tmp/err"; then
  ok "export -o '': a usage error, exit 2 (no assertion)"
else
  not_ok "export -o '': a usage error, exit 2 (no assertion)" "exit $rc" "stderr: $(cat "$tmp/err")"
fi

cp -R "$sample_dir" "$tmp/own"
own=$tmp/own/august-2023.tidings
# export_refused WHAT ARGS...: refused with exit 1, the issue untouched.
export_refused () {
  local what=$1

  shift
  run "$tmp/out" "$tmp/err" "$cli" export "$@"
  if [ "$rc" -eq 1 ] && grep -qF "would overwrite the issue itself" "$tmp/err" &&
     cmp -s "$sample" "$own"; then
    ok "export $what: refused, exit 1, the issue unchanged"
  else
    not_ok "export $what: refused, exit 1, the issue unchanged" "exit $rc" \
      "stderr: $(cat "$tmp/err")"
  fi
}
export_refused "-o the issue file" --format=text "$own" -o "$own"
export_refused "-o the issue file by another name" --format=eml "$own" \
  -o "$tmp/own/../own/./august-2023.tidings"
export_refused "--format=web -o the issue's own folder" --format=web "$own" -o "$tmp/own"

# --- format ----------------------------------------------------------------

run "$tmp/out" "$tmp/err" "$cli" format
if [ "$rc" -eq 2 ]; then
  ok "format without a file: exit 2"
else
  not_ok "format without a file: exit 2" "exit $rc"
fi

run "$tmp/out" "$tmp/err" "$cli" format "$sample" "$sample"
if [ "$rc" -eq 2 ]; then
  ok "format with two files: exit 2"
else
  not_ok "format with two files: exit 2" "exit $rc"
fi

# The sample is kept in canonical form: formatting a copy changes nothing.
cp -R "$sample_dir" "$tmp/canonical"
copy=$tmp/canonical/august-2023.tidings
run "$tmp/out" "$tmp/err" "$cli" format "$copy"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$sample" "$copy"; then
  ok "format the sample: exit 0, file byte-identical"
else
  not_ok "format the sample: exit 0, file byte-identical" "exit $rc" \
    "stderr: $(cat "$tmp/err")" "$(diff "$sample" "$copy" | head -n 20 || true)"
fi

# A copy with every object's members reversed, indented by four spaces and
# non-ASCII written as \u escapes: still valid, not canonical. One format
# gives the canonical text (which is the sample itself), a second changes
# nothing.
cp -R "$sample_dir" "$tmp/shuffled"
shuffled=$tmp/shuffled/august-2023.tidings
if command -v python3 >/dev/null 2>&1; then
  python3 - "$sample" "$shuffled" <<'EOF'
import collections, json, sys

def reverse(node):
    if isinstance(node, dict):
        return collections.OrderedDict((k, reverse(v)) for k, v in reversed(list(node.items())))
    if isinstance(node, list):
        return [reverse(v) for v in node]
    return node

with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f, object_pairs_hook=collections.OrderedDict)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(reverse(doc), f, indent=4, ensure_ascii=True, separators=(",", " : "))
EOF
  problems=()
  if cmp -s "$sample" "$shuffled"; then
    problems+=("the shuffled copy is identical to the sample")
  fi
  run "$tmp/out" "$tmp/err" "$cli" validate "$shuffled"
  [ "$rc" -eq 0 ] || problems+=("the shuffled copy does not validate (exit $rc): $(cat "$tmp/err")")
  run "$tmp/out" "$tmp/err" "$cli" format "$shuffled"
  [ "$rc" -eq 0 ] || problems+=("first format: exit $rc: $(cat "$tmp/err")")
  cmp -s "$sample" "$shuffled" ||
    problems+=("first format did not give the canonical text:" "$(diff "$sample" "$shuffled" | head -n 20 || true)")
  cp "$shuffled" "$tmp/after-first-format"
  run "$tmp/out" "$tmp/err" "$cli" format "$shuffled"
  [ "$rc" -eq 0 ] || problems+=("second format: exit $rc: $(cat "$tmp/err")")
  cmp -s "$tmp/after-first-format" "$shuffled" || problems+=("second format changed the file")
  if [ ${#problems[@]} -eq 0 ]; then
    ok "format a shuffled copy: canonical form, and a second format changes nothing"
  else
    not_ok "format a shuffled copy: canonical form, and a second format changes nothing" \
      "${problems[@]}"
  fi
else
  skip "format a shuffled copy: canonical form, and a second format changes nothing" \
    "python3 not found"
fi

# Numbers in members Tidings does not know keep their text: json-glib alone
# would write 1e999 as inf and 2^64 as -1.
mkdir "$tmp/numbers"
numbers='1e999, -1e400, 9223372036854775808, 18446744073709551616, 0.1, 1.0, -0, 2.5E-3'
cat >"$tmp/numbers/n.tidings" <<EOF
{"format": "tidings-issue", "version": 1, "x-numbers": [$numbers],
 "practice": {"name": "R"}, "issue": {"title": "T"}, "sections": []}
EOF
run "$tmp/out" "$tmp/err" "$cli" format "$tmp/numbers/n.tidings"
written=$(tr -d ' \n' <"$tmp/numbers/n.tidings")
if [ "$rc" -eq 0 ] && [[ $written == *"\"x-numbers\":[${numbers//, /,}]"* ]]; then
  ok "format keeps the text of numbers in unknown members"
else
  not_ok "format keeps the text of numbers in unknown members" "exit $rc" \
    "stderr: $(cat "$tmp/err")" "written: $written"
fi

# format refuses every bad file and never touches it.
mkdir "$tmp/bad-copies"
problems=()
for name in "${bad_files[@]}"; do
  cp "$bad_dir/$name" "$tmp/bad-copies/$name"
  run "$tmp/out" "$tmp/err" "$cli" format "$tmp/bad-copies/$name"
  [ "$rc" -eq 1 ] || problems+=("$name: exit $rc")
  cmp -s "$bad_dir/$name" "$tmp/bad-copies/$name" || problems+=("$name: the file was changed")
done
if [ ${#problems[@]} -eq 0 ]; then
  ok "format every bad file: exit 1, file byte-identical"
else
  not_ok "format every bad file: exit 1, file byte-identical" "${problems[@]}"
fi

stray=()
for path in "$tmp"/bad-copies/* "$tmp"/bad-copies/.[!.]*; do
  [ -e "$path" ] || continue
  case $path in
    *.tidings) ;;
    *) stray+=("${path##*/}") ;;
  esac
done
if [ ${#stray[@]} -eq 0 ]; then
  ok "format of a bad file leaves no stray files beside it"
else
  not_ok "format of a bad file leaves no stray files beside it" "${stray[@]}"
fi

# --- check: spelling ----------------------------------------------------------
# Debian's hunspell en_US (build-aux/setup), her personal dictionary in a
# config folder of the test's own.

mkdir "$tmp/spelling"
cp -r "$sample_dir/." "$tmp/spelling/"
sed -i 's/Set a timer to stand up/Set a timr to stand up/' "$tmp/spelling/august-2023.tidings"
spelling_line='august-2023.tidings: warning: sections[7].body: "timr" may be misspelt [spelling]'
export XDG_CONFIG_HOME=$tmp/config
(cd "$tmp/spelling" && run "$tmp/out" "$tmp/err" "$cli" check august-2023.tidings; echo "$rc" >"$tmp/rc")
if [ "$(cat "$tmp/rc")" -eq 0 ] && grep -qxF "$spelling_line" "$tmp/err" &&
   [ "$(grep -c '\[spelling\]$' "$tmp/err")" -eq 2 ]; then
  ok "check: a misspelt word is a [spelling] warning at its field"
else
  not_ok "check: a misspelt word is a [spelling] warning at its field" "stderr: $(cat "$tmp/err")"
fi

mkdir -p "$tmp/config/enchant"
printf 'timr\n' >"$tmp/config/enchant/en_US.dic"
(cd "$tmp/spelling" && run "$tmp/out" "$tmp/err" "$cli" check august-2023.tidings)
if ! grep -q '"timr"' "$tmp/err" && grep -q '"Youtube" may be misspelt \[spelling\]$' "$tmp/err"; then
  ok "check: a word in her personal dictionary is not flagged"
else
  not_ok "check: a word in her personal dictionary is not flagged" "stderr: $(cat "$tmp/err")"
fi

(cd "$tmp/spelling" && TIDINGS_SPELLING=off run "$tmp/out" "$tmp/err" "$cli" check august-2023.tidings)
if ! grep -q '\[spelling\]' "$tmp/err"; then
  ok "check: TIDINGS_SPELLING=off leaves spelling out"
else
  not_ok "check: TIDINGS_SPELLING=off leaves spelling out" "stderr: $(cat "$tmp/err")"
fi
unset XDG_CONFIG_HOME

# --- the malformed corpus ---------------------------------------------------

# --- pictures ---------------------------------------------------------------

# check --linked-images: linked pictures need an address; exit 1.
cp -r "$(dirname "$sample")" "$tmp/linked"
linked="$tmp/linked/$(basename "$sample")"
sed -i 's|"public_base_url": "[^"]*"|"public_base_url": ""|' "$linked"
run "$tmp/out" "$tmp/err" "$cli" check --linked-images "$linked"
if [ "$rc" -eq 1 ] && grep -q 'error: issue.public_base_url: the email links its pictures' "$tmp/out" "$tmp/err"; then
  ok "check --linked-images without an address: exit 1"
else
  not_ok "check --linked-images without an address: exit 1" "exit $rc" "$(cat "$tmp/out" "$tmp/err")"
fi

# export --format=eml carries the pictures (cid:); --linked-images links them.
run "$tmp/out" "$tmp/err" "$cli" export --format=eml "$sample" -o "$tmp/cid.eml"
run "$tmp/out2" "$tmp/err2" "$cli" export --format=eml --linked-images "$sample" -o "$tmp/linked.eml"
if grep -q '^Content-Id: <' "$tmp/cid.eml" && ! grep -qi '^Content-Id:' "$tmp/linked.eml" \
   && [ "$(stat -c %s "$tmp/cid.eml")" -lt 1000000 ]; then
  ok "export --format=eml embeds pictures, --linked-images links them"
else
  not_ok "export --format=eml embeds pictures, --linked-images links them" \
    "$(grep -ci '^Content-Id' "$tmp/cid.eml" "$tmp/linked.eml" || true)" "$(cat "$tmp/err" "$tmp/err2")"
fi

# pictures: each picture stored again, bytes before and after, unused ones
# listed and left alone, the originals backed up.
cp -r "$(dirname "$sample")" "$tmp/shrink"
shrunk="$tmp/shrink/$(basename "$sample")"
echo "not a picture" > "$tmp/shrink/images/unused.png"
run "$tmp/out" "$tmp/err" "$cli" pictures "$shrunk"
if [ "$rc" -eq 0 ] && grep -q '^images/logo.png: 13389 bytes, 240 × 240 → [0-9]* bytes, 240 × 240$' "$tmp/out" \
   && grep -q '^images/unused.png: not used by the issue, left as it is$' "$tmp/out" \
   && grep -q '^All pictures: ' "$tmp/out" \
   && [ "$(cat "$tmp/shrink/images/unused.png")" = "not a picture" ] \
   && [ -n "$(ls "$XDG_DATA_HOME/tidings/backups/pictures" | grep -- '-logo.png$')" ] \
   && ! cmp -s "$tmp/shrink/images/logo.png" "$(dirname "$sample")/images/logo.png"; then
  ok "pictures: stored again, bytes before and after, unused files left alone"
else
  not_ok "pictures: stored again, bytes before and after, unused files left alone" "exit $rc" \
    "$(cat "$tmp/out" "$tmp/err")"
fi

# check_bad DIR NAME EXPECTED: "validate NAME" run in DIR exits 1 and prints
# exactly EXPECTED on stderr, nothing on stdout.
check_bad () {
  local dir=$1 name=$2 expected=$3

  rc=0
  (cd "$dir" && "$cli" validate "$name") >"$tmp/out" 2>"$tmp/err" || rc=$?
  if [ ! -f "$expected" ]; then
    not_ok "validate $name: exit 1 and the expected diagnostics" "missing ${expected##*/}"
  elif [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && cmp -s "$expected" "$tmp/err"; then
    ok "validate $name: exit 1 and the expected diagnostics"
  else
    not_ok "validate $name: exit 1 and the expected diagnostics" "exit $rc" \
      "$(diff "$expected" "$tmp/err" | head -n 20 || true)"
  fi
}

for name in "${bad_files[@]}"; do
  check_bad "$bad_dir" "$name" "$bad_dir/$name.expected"
done

mkdir "$tmp/large"
"$bad_dir/generate-large.sh" "$tmp/large"
check_bad "$tmp/large" too-large.tidings "$bad_dir/too-large.tidings.expected"

if [ "$n" -ne "$planned" ]; then
  echo "# planned $planned tests but ran $n"
  exit 1
fi
[ "$failed" -eq 0 ]
