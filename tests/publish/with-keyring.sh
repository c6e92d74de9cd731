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

# The daemon answers before it has taken its name on the bus and made the
# login collection; a request sent meanwhile makes D-Bus start a second,
# locked keyring (a failure once in a few runs on a busy machine). Wait for
# both (asking the bus first: only a call to the name itself would start
# another), for ten seconds at most.
tries=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
        grep -q true &&
      gdbus introspect --session --dest org.freedesktop.secrets \
        --object-path /org/freedesktop/secrets/collection/login 2>/dev/null |
        grep -q org.freedesktop.Secret.Collection; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then
    echo "with-keyring.sh: the keyring did not come up" >&2
    exit 1
  fi
  sleep 0.1
done
status=0
"$@" || status=$?
if [ -n "${GNOME_KEYRING_PID:-}" ]; then
  kill "$GNOME_KEYRING_PID" 2>/dev/null || true
fi
rm -rf "$home"
exit "$status"
