#!/usr/bin/env bash
# Fills the screenshot database with two self-assessments of one team: one
# completed in August and the current one, partly answered, so the page
# shows a score, a comparison and a trend.
#   tests/screenshots.sh --seed tests/screenshots-seed-assessment.sh
set -euo pipefail

db=${1:-${FLAWDESK_DB:?the database path is the first argument or FLAWDESK_DB}}
cli=${FLAWDESK_CLI:?run this from tests/screenshots.sh, which sets FLAWDESK_CLI}

run() { "$cli" --db "$db" "$@" >/dev/null; }

answer() {
  local id=$1
  shift
  while [ $# -gt 1 ]; do
    run assess answer "$id" "$1" --rating "$2"
    shift 2
  done
}

FLAWDESK_NOW=2026-08-20T10:00:00Z run assess start --team Payments --assessor "Aisha Bello" --date 2026-08-20
answer 1 vulnerability-management.process 1 vulnerability-management.after-release 1 \
  vulnerability-management.dependency-feed 0 vulnerability-management.outdated-libraries 0 \
  security-debt.register 1 security-skills.investment 2 security-skills.older-code 1 \
  root-cause-analysis.post-mortem 1 root-cause-analysis.repeated-flaws 0 \
  root-cause-analysis.team-learning 2 vulnerability-disclosure.practice 1 \
  vulnerability-disclosure.policy 0 vulnerability-disclosure.front-door 0 \
  vulnerability-disclosure.mitigation 1 security-testing.regression-tests 1
FLAWDESK_NOW=2026-08-20T16:00:00Z run assess complete 1

run assess start --team Payments --assessor "Aisha Bello" --date 2026-11-26
answer 2 vulnerability-management.process 2 vulnerability-management.after-release 2 \
  vulnerability-management.dependency-feed 2 vulnerability-management.outdated-libraries 1 \
  security-debt.register 3 security-skills.investment 2 security-skills.older-code 1 \
  root-cause-analysis.post-mortem 2 root-cause-analysis.repeated-flaws 1
run assess answer 2 root-cause-analysis.team-learning --rating 2 \
  --note "Post-mortems are shared in the fortnightly guild meeting."
