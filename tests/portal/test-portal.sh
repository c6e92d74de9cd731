#!/bin/bash
# test-portal.sh TIDINGS_CLI PORTAL_PROBE SAMPLE_DIR: the Flatpak's view of
# an issue, through the real document portal, as TAP.
#
# Debian's xdg-document-portal mounts its FUSE file system at
# $XDG_RUNTIME_DIR/doc; "flatpak document-export --app=ID" exports a file
# (or a folder) to the app, as the file chooser portal does when she picks
# one. The core then runs in bubblewrap seeing only what the Flatpak would:
# /usr, and the portal's documents of this app at /run/user/UID/doc -- no
# home, no /tmp of the host. With the file alone exported, its pictures are
# out of reach and the core says so (td_folder_access_check(): file-only);
# once the folder is granted, the issue opened from there has them all.
#
# Everything the portal keeps (its documents and the permission store)
# goes to a home of the test's own, on a private session bus: the script
# runs itself again under dbus-run-session with that environment.
set -uo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 TIDINGS_CLI PORTAL_PROBE SAMPLE_DIR" >&2
  exit 2
fi
cli=$(realpath "$1")
probe=$(realpath "$2")
sample=$(realpath "$3")
app=io.github.tidings.Tidings
portal=/usr/libexec/xdg-document-portal

tests=12
skip_all () {
  echo "1..$tests"
  for i in $(seq $tests); do echo "ok $i # SKIP $1"; done
  exit 0
}

if [ -z "${TD_PORTAL_TMP:-}" ]; then
  [ -c /dev/fuse ] || skip_all "no /dev/fuse on this machine: the document portal needs FUSE"
  for tool in "$portal" flatpak bwrap fusermount3 dbus-run-session; do
    command -v "$tool" >/dev/null 2>&1 ||
      skip_all "$tool is missing (build-aux/setup test installs xdg-desktop-portal, flatpak, bubblewrap, fuse3, dbus)"
  done
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test-portal.XXXXXX")
  mkdir -m 700 "$tmp/run" "$tmp/home"
  HOME=$tmp/home XDG_DATA_HOME=$tmp/home/.local/share XDG_CONFIG_HOME=$tmp/home/.config \
    XDG_RUNTIME_DIR=$tmp/run TD_PORTAL_TMP=$tmp \
    dbus-run-session -- "$0" "$@" 2> >(grep -v '^dbus-daemon' >&2)
  rc=$?
  fusermount3 -u "$tmp/run/doc" 2>/dev/null
  rm -rf "$tmp"
  exit $rc
fi

echo "1..$tests"
tmp=$TD_PORTAL_TMP
portal_pid=
cleanup () {
  if [ -n "$portal_pid" ]; then
    # Unmounted first: xdg-document-portal 1.16, told to end, waits for its
    # FUSE threads, which wait for the unmount (the whole suite's run hung
    # here now and then).
    fusermount3 -u "$tmp/run/doc" 2>/dev/null
    kill "$portal_pid" 2>/dev/null
    wait "$portal_pid" 2>/dev/null
  fi
}
trap cleanup EXIT

n=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); echo "not ok $n - $1"; shift
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}
check () {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then ok "$name"; else not_ok "$name" "output: $(cat "$tmp/out")"; fi
}

# The portal, on the runtime folder of this test's own.
"$portal" --replace 2>"$tmp/portal.log" &
portal_pid=$!
for _ in $(seq 100); do [ -d "$XDG_RUNTIME_DIR/doc/by-app" ] && break; sleep 0.1; done
if [ ! -d "$XDG_RUNTIME_DIR/doc/by-app" ]; then
  not_ok "the document portal mounts its file system" "$(cat "$tmp/portal.log")"
  for i in $(seq 2 $tests); do echo "not ok $i - no portal"; done
  exit 1
fi
ok "the document portal mounts its file system at \$XDG_RUNTIME_DIR/doc"

# Her issue, in a folder of her home.
home=$HOME
mkdir -p "$home/Newsletter"
cp -r "$sample/images" "$home/Newsletter/"
cp "$sample/august-2023.tidings" "$home/Newsletter/"
issue=$home/Newsletter/august-2023.tidings

# in_sandbox COMMAND...: as the Flatpak runs Tidings, with the portal's
# documents of this app only (flatpak binds doc/by-app/APP there too).
uid=$(id -u)
in_sandbox () {
  bwrap --unshare-all --die-with-parent \
    --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
    --symlink usr/bin /bin --ro-bind /etc/ld.so.cache /etc/ld.so.cache \
    --proc /proc --dev /dev --tmpfs /tmp --dir "/run/user/$uid" \
    --bind "$XDG_RUNTIME_DIR/doc/by-app/$app" "/run/user/$uid/doc" \
    --ro-bind "$cli" /app/bin/tidings-cli --ro-bind "$probe" /app/bin/portal-probe \
    --setenv XDG_RUNTIME_DIR "/run/user/$uid" --setenv HOME /tmp --setenv LC_ALL C.UTF-8 \
    "$@" >"$tmp/out" 2>&1
}

# 1. She opens the issue through the file chooser: the file alone.
doc=$(flatpak document-export --app="$app" -r "$issue")
inside=/run/user/$uid/doc/${doc#"$XDG_RUNTIME_DIR/doc/"}
echo "# exported file: $doc, in the sandbox $inside"
in_sandbox /app/bin/tidings-cli validate "$inside"
check "the sandbox reads the exported issue (tidings-cli validate)" test $? = 0
in_sandbox ls "$(dirname "$inside")"
sed 's/^/# the sandbox sees beside it: /' "$tmp/out"
check "the sandbox sees the file alone, no images/ beside it" test "$(cat "$tmp/out")" = august-2023.tidings
in_sandbox ls "$home"
check "the sandbox can't see her home" grep -q "No such file" "$tmp/out"
in_sandbox /app/bin/portal-probe "$inside"
sed 's/^/# probe: /' "$tmp/out"
check "the core says the pictures are out of reach (file-only)" grep -qx "access: file-only" "$tmp/out"
check "no picture can be read" grep -qx "readable: 0" "$tmp/out"
in_sandbox /app/bin/tidings-cli export --format=web "$inside" -o /tmp/web
tail -1 "$tmp/out" | sed 's/^/# export: /'
check "the web export fails: a picture is missing" grep -q "is missing" "$tmp/out"

# 2. She grants the issue's folder through the folder chooser.
folder=$(flatpak document-export --app="$app" -r "$home/Newsletter")
folder_inside=/run/user/$uid/doc/${folder#"$XDG_RUNTIME_DIR/doc/"}
echo "# exported folder: $folder, in the sandbox $folder_inside"
in_sandbox /app/bin/portal-probe "$inside" --grant "$folder_inside"
sed 's/^/# probe: /' "$tmp/out"
check "the issue is found in the granted folder" grep -qx "granted: $folder_inside/august-2023.tidings" "$tmp/out"
check "opened from there, it is not a lone portal file" grep -qx "granted-portal-file: no" "$tmp/out"
check "opened from there, every picture can be read" \
  bash -c "grep -qx 'granted-access: ok' '$tmp/out' && \
           test \"\$(sed -n 's/^granted-pictures: //p' '$tmp/out')\" = \"\$(sed -n 's/^granted-readable: //p' '$tmp/out')\""
in_sandbox /bin/sh -c "/app/bin/tidings-cli export --format=web '$folder_inside/august-2023.tidings' -o /tmp/web && ls /tmp/web/images | wc -l"
echo "# pictures exported from the granted folder: $(tail -1 "$tmp/out")"
"$cli" export --format=web "$issue" -o "$tmp/host-web" >/dev/null 2>&1
check "the web export from the granted folder has every picture, as on the host" \
  test "$(tail -1 "$tmp/out")" = "$(ls "$tmp/host-web/images" | wc -l)"

# 3. The folder grant outlives the run: the portal keeps it (the window
#    remembers the path, the same doc id next time).
again=$(flatpak document-export --app="$app" -r "$home/Newsletter")
check "the same folder gets the same document id again" test "$again" = "$folder"
