#!/usr/bin/env bash
# Seeds a database with about 25 realistic security debt items through
# flawdesk-cli, so that screenshots show a populated register.
#
# Usage: tests/screenshots-seed.sh DATABASE
# The CLI is $FLAWDESK_CLI, or _build/src/flawdesk-cli next to this script.
set -euo pipefail

db=${1:?usage: $0 DATABASE}
here=$(cd "$(dirname "$0")" && pwd)
cli=${FLAWDESK_CLI:-$here/../_build/src/flawdesk-cli}

days_ago () { date -u -d "-$1 days" +%Y-%m-%dT09:00:00Z; }
date_in () { date -u -d "$1 days" +%Y-%m-%d; }

add () { "$cli" --db "$db" debt add "$@" >/dev/null; }

add --title "Service account has cluster-admin rights" --likelihood 4 --impact 5 \
    --category access_permissions --component deploy-operator --owner "Priya Raman" \
    --principal 5 --interest 1.5 --cwe CWE-250 --created "$(days_ago 300)" \
    --description "Granted during the first Kubernetes rollout so the operator could create namespaces."
add --title "TLS verification disabled for staging payments API" --likelihood 3 --impact 5 \
    --category configuration_deployment --component payments-gateway --owner "Marek Nowak" \
    --principal 2 --interest 0.5 --cwe CWE-295 --created "$(days_ago 240)" \
    --status accepted --rationale "Staging only; the sandbox certificate is self-signed." \
    --compensating-controls "Staging has no card data; egress limited to the sandbox host." \
    --review-date "$(date_in -12)"
add --title "Session tokens never expire on mobile" --likelihood 3 --impact 4 \
    --category authentication --component mobile-api --owner "Aisha Bello" \
    --principal 8 --interest 1 --cwe CWE-613 --created "$(days_ago 200)"
add --title "OpenSSL pinned to an end-of-life release" --likelihood 4 --impact 4 \
    --category dependencies --component build-images --owner "Tomás Ortega" \
    --principal 3 --interest 0.75 --created "$(days_ago 180)" \
    --status scheduled --target-date "$(date_in 30)"
add --title "Admin panel reachable without VPN" --likelihood 3 --impact 5 \
    --category access_permissions --component admin-web --owner "Priya Raman" \
    --principal 4 --interest 1 --created "$(days_ago 150)" --status in_progress
add --title "API keys stored in plain text in config repo" --likelihood 4 --impact 5 \
    --category secrets_cryptography --component infra-config --owner "Marek Nowak" \
    --principal 6 --interest 2 --cwe CWE-798 --created "$(days_ago 140)"
add --title "Password reset links valid for 7 days" --likelihood 2 --impact 4 \
    --category authentication --component accounts --owner "Aisha Bello" \
    --principal 1 --interest 0.25 --cwe CWE-640 --created "$(days_ago 130)" \
    --status accepted --rationale "Customers on slow mail providers complained about 1-hour links." \
    --compensating-controls "Links are single use and bound to the account's email." \
    --review-date "$(date_in 45)"
add --title "No rate limit on login endpoint" --likelihood 4 --impact 3 \
    --category input_handling --component accounts --owner "Aisha Bello" \
    --principal 2 --interest 0.5 --cwe CWE-307 --created "$(days_ago 120)"
add --title "Audit log does not record permission changes" --likelihood 3 --impact 3 \
    --category logging_monitoring --component admin-web --owner "Lena Fischer" \
    --principal 3 --interest 0.5 --created "$(days_ago 110)"
add --title "Legacy XML import accepts external entities" --likelihood 2 --impact 5 \
    --category input_handling --component importer --owner "Tomás Ortega" \
    --principal 2 --interest 0.5 --cwe CWE-611 --created "$(days_ago 100)" \
    --status accepted --rationale "Only two enterprise customers use it, through SFTP." \
    --compensating-controls "Parser runs in a sandbox without network access." \
    --review-date "$(date_in -3)"
add --title "Shared root password on build agents" --likelihood 3 --impact 4 \
    --category secrets_cryptography --component ci --owner "Lena Fischer" \
    --principal 2 --interest 0.5 --created "$(days_ago 95)" --status paid_off
add --title "Debug endpoints enabled in production image" --likelihood 3 --impact 4 \
    --category configuration_deployment --component web-frontend --owner "Marek Nowak" \
    --principal 1 --interest 0.5 --cwe CWE-489 --created "$(days_ago 90)"
add --title "Uploaded files served from the app domain" --likelihood 2 --impact 4 \
    --category design --component media-service --owner "Aisha Bello" \
    --principal 5 --interest 0.5 --cwe CWE-434 --created "$(days_ago 80)"
add --title "SQL built by string concatenation in reports" --likelihood 3 --impact 5 \
    --category input_handling --component reporting --owner "Tomás Ortega" \
    --principal 4 --interest 1 --cwe CWE-89 --created "$(days_ago 75)" \
    --status scheduled --target-date "$(date_in 14)"
add --title "No security review step for new features" --likelihood 3 --impact 3 \
    --category process --owner "Lena Fischer" \
    --principal 3 --interest 0.25 --created "$(days_ago 70)"
add --title "Database backups not encrypted" --likelihood 2 --impact 5 \
    --category secrets_cryptography --component backups --owner "Marek Nowak" \
    --principal 3 --interest 0.5 --cwe CWE-311 --created "$(days_ago 60)"
add --title "Outdated jQuery with known XSS issues" --likelihood 3 --impact 3 \
    --category dependencies --component web-frontend --owner "Priya Raman" \
    --principal 2 --interest 0.25 --cwe CWE-79 --created "$(days_ago 55)" \
    --status wont_fix --wont-fix-reason "The page is being removed in the next release."
add --title "Alerts for failed logins go to an unmonitored inbox" --likelihood 3 --impact 2 \
    --category logging_monitoring --component monitoring --owner "Lena Fischer" \
    --principal 0.5 --interest 0.1 --created "$(days_ago 50)"
add --title "Mobile app allows cleartext HTTP to CDN" --likelihood 2 --impact 3 \
    --category configuration_deployment --component mobile-app --owner "Aisha Bello" \
    --principal 1 --interest 0.25 --cwe CWE-319 --created "$(days_ago 40)"
add --title "Single shared AWS account for all environments" --likelihood 3 --impact 4 \
    --category design --component cloud --owner "Priya Raman" \
    --principal 15 --interest 2 --created "$(days_ago 35)" \
    --status accepted --rationale "Splitting accounts needs the platform team, booked for next quarter." \
    --compensating-controls "IAM boundaries per environment; CloudTrail alerts on cross-environment access." \
    --review-date "$(date_in 60)"
add --title "CSRF protection off for the partner API" --likelihood 2 --impact 3 \
    --category input_handling --component partner-api --owner "Tomás Ortega" \
    --principal 1 --interest 0.25 --cwe CWE-352 --created "$(days_ago 30)"
add --title "Secrets scanning not enabled on repositories" --likelihood 3 --impact 3 \
    --category process --component ci --owner "Lena Fischer" \
    --principal 0.5 --interest 0.25 --created "$(days_ago 21)"
add --title "Support staff can read full card numbers" --likelihood 2 --impact 5 \
    --category access_permissions --component support-console --owner "Marek Nowak" \
    --principal 4 --interest 1 --cwe CWE-359 --created "$(days_ago 14)"
add --title "Container images run as root" --likelihood 2 --impact 3 \
    --category configuration_deployment --component build-images --owner "Tomás Ortega" \
    --principal 2 --interest 0.25 --cwe CWE-250 --created "$(days_ago 7)"
add --title "Webhook signatures not verified" --likelihood 3 --impact 4 \
    --category authentication --component integrations --owner "Aisha Bello" \
    --principal 1.5 --interest 0.5 --cwe CWE-345 --created "$(days_ago 2)"

# The other pages' sample data.
here=$(dirname "$0")
"$here/screenshots-seed-inbox.sh" "$db"
"$here/screenshots-seed-assessment.sh" "$db"
