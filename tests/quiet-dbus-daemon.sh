#!/bin/sh
# quiet-dbus-daemon.sh: dbus-daemon with its standard output sent to
# standard error. Given to dbus-run-session (--dbus-daemon), it keeps what
# the services it starts print (the AT-SPI registry's "SpiRegistry daemon is
# running", GNOME Keyring's environment) out of a test's TAP output; the
# bus address still reaches dbus-run-session through its own pipe.
exec dbus-daemon "$@" 1>&2
