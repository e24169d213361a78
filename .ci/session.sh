#!/usr/bin/env bash
# Runs a command in a throw-away desktop session: a fresh HOME and runtime
# directory and an unlocked gnome-keyring, so libsecret never waits for a
# prompt. Use it inside xvfb-run and dbus-run-session:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- .ci/session.sh CMD…
set -euo pipefail

export HOME=$(mktemp -d /tmp/flawdesk-home.XXXXXX)
export XDG_RUNTIME_DIR=$(mktemp -d /tmp/flawdesk-xdg.XXXXXX)
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"

gkd_pid=
if command -v gnome-keyring-daemon >/dev/null; then
  echo -n flawdesk-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  gdbus wait --session --timeout 10 org.freedesktop.secrets
  gkd_pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
            --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets | tr -dc '0-9')
fi

cleanup() {
  [ -n "$gkd_pid" ] && kill "$gkd_pid" 2>/dev/null || true
  rm -rf "$HOME" "$XDG_RUNTIME_DIR"
}
trap cleanup EXIT

"$@"
