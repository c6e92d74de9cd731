#!/bin/sh
# with-keyring.sh COMMAND...: runs COMMAND with a fresh GNOME Keyring whose
# login keyring is unlocked, in a private home. Run it inside
# dbus-run-session, so that the keyring serves this session bus only.
set -eu

home=$(mktemp -d "${TMPDIR:-/tmp}/tidings-keyring.XXXXXX")
export HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config \
  XDG_CACHE_HOME=$home/cache XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock reads the login keyring's password on stdin, creating the
# keyring with it the first time: no prompt.
eval "$(printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets)"
status=0
"$@" || status=$?
if [ -n "${GNOME_KEYRING_PID:-}" ]; then
  kill "$GNOME_KEYRING_PID" 2>/dev/null || true
fi
rm -rf "$home"
exit "$status"
