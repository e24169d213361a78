#!/usr/bin/env bash
# Fills the screenshot database with disclosure reports at every stage of
# triage, for the Inbox screenshots:
#   tests/screenshots.sh --seed tests/screenshots-seed-inbox.sh
# It runs flaw-seed-inbox from the build folder next to FLAWDESK_CLI.
set -euo pipefail

db=${1:-${FLAWDESK_DB:?the database path is the first argument or FLAWDESK_DB}}
seed=$(dirname "${FLAWDESK_CLI:?run this from tests/screenshots.sh, which sets FLAWDESK_CLI}")/../tests/flaw-seed-inbox

[ -x "$seed" ] || { echo "screenshots-seed-inbox: $seed is not built; run meson compile" >&2; exit 1; }
exec "$seed" "$db"
