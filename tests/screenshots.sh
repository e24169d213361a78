#!/usr/bin/env bash
# Saves a PNG of every page of the real application, wide and narrow, light
# and dark, into data/screenshots/<page>-<wide|narrow>-<light|dark>.png.
#
#   tests/screenshots.sh [--seed COMMAND]... [BUILD_DIR [OUT_DIR]]
#   meson compile -C _build screenshots
#
# The application runs under Xvfb on a database in a temporary folder. Before
# the first screenshot that database is filled by tests/screenshots-seed.sh
# (when it exists and is executable; it gets the database path as its only
# argument) and then by every --seed COMMAND, run with bash -c. Both see
# FLAWDESK_DB, FLAWDESK_NOW and FLAWDESK_CLI (the built flawdesk-cli), e.g.
#   tests/screenshots.sh --seed '"$FLAWDESK_CLI" doctor'
# Page and size are chosen through GSettings (keyfile backend in a temporary
# XDG_CONFIG_HOME), so the application needs no code for screenshots.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

seeds=()
while [ $# -gt 0 ]; do
  case $1 in
    --seed)
      [ $# -ge 2 ] || { echo "screenshots: --seed needs a command" >&2; exit 1; }
      seeds+=("$2")
      shift 2
      ;;
    -h|--help)
      sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "screenshots: unknown option $1 (see --help)" >&2
      exit 1
      ;;
    *)
      break
      ;;
  esac
done

build=$(realpath "${1:-_build}")
out=${2:-$root/data/screenshots}

for tool in xvfb-run dbus-run-session xwininfo import; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing; run .ci/install-deps" >&2; exit 1; }
done
[ -x "$build/src/flawdesk" ] || { echo "screenshots: $build/src/flawdesk is not built; run meson compile -C ${1:-_build}" >&2; exit 1; }

# Start a private display, session bus and keyring once, then run the rest
# of this script inside them.
if [ -z "${FLAWDESK_SCREENSHOTS_SESSION:-}" ]; then
  export FLAWDESK_SCREENSHOTS_SESSION=1
  args=()
  for seed in "${seeds[@]}"; do
    args+=(--seed "$seed")
  done
  exec xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- "$root/.ci/session.sh" "$0" "${args[@]}" "$build" "$out"
fi

work=$(mktemp -d /tmp/flawdesk-screenshots.XXXXXX)
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export LC_ALL=C.UTF-8 LANGUAGE=
export FLAWDESK_DB="$work/flawdesk.db"
export FLAWDESK_NOW=2026-11-26T09:30:00Z
export FLAWDESK_CLI="$build/src/flawdesk-cli"
export GSK_RENDERER=cairo
export GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$build/data"
export XDG_CONFIG_HOME="$work/config"
export XDG_DATA_DIRS="$root/data:/usr/local/share:/usr/share"
export GTK_A11Y=none NO_AT_BRIDGE=1

if [ -x "$root/tests/screenshots-seed.sh" ]; then
  "$root/tests/screenshots-seed.sh" "$FLAWDESK_DB"
fi
for seed in "${seeds[@]}"; do
  bash -c "$seed"
done

mkdir -p "$out" "$XDG_CONFIG_HOME/glib-2.0/settings"

# Prints the id and geometry ("ID WxH+X+Y") of the mapped main window.
find_window() {
  xwininfo -root -tree \
    | awk '/"Flawdesk": \("flawdesk"/ && $NF !~ /^\+-/ { print $1, $(NF-1) }' \
    | awk '$2 !~ /^1x1\+/' \
    | head -n 1
}

shoot() {
  local page=$1 size=$2 scheme=$3 width height file geometry w h x y
  case $size in
    wide) width=1100 height=720 ;;
    narrow) width=360 height=700 ;;
  esac
  file="$out/$page-$size-$scheme.png"

  # Without a compositor GTK draws a 4 px resize border inside the X window
  # (a compositor would draw a shadow outside it instead); make room for it
  # so that the window itself has the wanted size.
  cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/flawdesk/Flawdesk]
window-width=$((width + 8))
window-height=$((height + 8))
window-maximized=false
current-page='$page'
KEYFILE

  case $scheme in
    light) export ADW_DEBUG_COLOR_SCHEME=default ;;
    dark) export ADW_DEBUG_COLOR_SCHEME=prefer-dark ;;
  esac

  "$build/src/flawdesk" &
  app_pid=$!

  geometry=
  for _ in $(seq 100); do
    geometry=$(find_window | awk '{ print $2 }')
    [ -n "$geometry" ] && break
    kill -0 "$app_pid" 2>/dev/null || { echo "screenshots: flawdesk exited early" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$geometry" ] || { echo "screenshots: no Flawdesk window after 10 s" >&2; exit 1; }

  # Let the first frames (and the view switcher's reveal) finish.
  sleep 1.5

  # Keep the window with its 1 px outline; leave out the resize border and
  # the black root window.
  IFS='x+' read -r w h x y <<<"$geometry"
  import -silent -window root -crop "$((w - 8))x$((h - 8))+$((x + 4))+$((y + 4))" +repage \
    -strip -define png:exclude-chunks=date,time "$file"
  echo "screenshots: $file ($((w - 8))x$((h - 8)))"

  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

for page in register inbox assessment; do
  for size in wide narrow; do
    for scheme in light dark; do
      shoot "$page" "$size" "$scheme"
    done
  done
done
