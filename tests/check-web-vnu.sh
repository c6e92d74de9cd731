#!/bin/sh
# check-web-vnu.sh: validates a web export with the Nu HTML Checker (vnu).
#
#   tests/check-web-vnu.sh EXPORT-FOLDER-OR-HTML-FILE PATH/TO/vnu.jar
#
# Runs `java -jar vnu.jar --errors-only --format text` on the page (a folder
# means its index.html) and reports in TAP: "ok 1" when the checker finds no
# errors, "not ok 1" with its messages otherwise (exit 1). Skips with
# "1..0 # SKIP" when java or the jar is missing. build-aux/install-vnu puts
# the jar in _build/vnu/node_modules/vnu-jar/build/dist/vnu.jar.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 EXPORT-FOLDER-OR-HTML-FILE VNU-JAR" >&2
  exit 2
fi

target=$1
jar=$2

if [ -d "$target" ]; then
  target=$target/index.html
fi

if ! command -v java >/dev/null 2>&1; then
  echo "1..0 # SKIP java is not installed"
  exit 0
fi
if [ ! -f "$jar" ]; then
  echo "1..0 # SKIP $jar is missing (build-aux/install-vnu installs it)"
  exit 0
fi

echo "1..1"
if [ ! -f "$target" ]; then
  echo "not ok 1 - $target does not exist"
  exit 1
fi

if output=$(java -jar "$jar" --errors-only --format text "$target" 2>&1); then
  echo "ok 1 - $target passes the Nu HTML Checker"
  exit 0
fi

echo "not ok 1 - $target has errors according to the Nu HTML Checker"
printf '%s\n' "$output" | sed 's/^/# /'
exit 1
