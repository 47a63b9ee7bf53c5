#!/usr/bin/env bash
# Reports what CI measured to the developer portal's scorecards
# (POST /api/scorecards/facts), with this service's own CI token:
#
#   report-facts.sh coverage FILE   line coverage: Istanbul's json-summary
#                                   (Jest, Vitest) or coverage.py's JSON report
#   report-facts.sh scan FILE       critical vulnerabilities: Trivy's JSON report
#
# Environment: PORTAL_URL (the portal's address; a repository or organisation
# variable) and PORTAL_CI_TOKEN (the token whose subject is the catalog's
# fintech-fast.example/ci-sources, ci-${{ values.name }}; a secret). Without
# them it says so and reports nothing. ENTITY_REF: this service by default.
# Needs bash, jq and curl (all on GitHub's runners).
set -euo pipefail

ENTITY_REF="${ENTITY_REF:-component:default/${{ values.name }}}"

if [ $# -ne 2 ] || { [ "$1" != coverage ] && [ "$1" != scan ]; }; then
  echo "usage: $0 coverage FILE | scan TRIVY_JSON" >&2
  exit 2
fi
kind=$1
file=$2

if [ -z "${PORTAL_URL:-}" ] || [ -z "${PORTAL_CI_TOKEN:-}" ]; then
  echo "::notice title=Not reported to the portal::Set the repository variable PORTAL_URL and the secret PORTAL_CI_TOKEN to report the $kind to the developer portal's scorecards."
  exit 0
fi

# Milliseconds: two reports in one second still keep their order.
measured_at=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)

case "$kind" in
  coverage)
    body=$(jq -c --arg ref "$ENTITY_REF" --arg at "$measured_at" '
      (.total.lines.pct // .totals.percent_covered) as $pct
      | if ($pct | type) != "number" then
          error("no line coverage in this file (expected Istanbul json-summary or coverage.py JSON)")
        else . end
      | {entityRef: $ref, measuredAt: $at, testCoverage: (($pct * 100 | round) / 100)}
    ' "$file")
    summary=$(jq -r '"line coverage \(.testCoverage)%"' <<<"$body")
    ;;
  scan)
    # CI remembers no earlier scan, so each vulnerability counts from its
    # publication (Trivy's PublishedDate), or from now when Trivy gives none:
    # the scorecard then tells how long a fix has been due. Oldest first, as
    # many as the portal takes (500).
    body=$(jq -c --arg ref "$ENTITY_REF" --arg at "$measured_at" '
      if has("SchemaVersion") | not then error("not a Trivy JSON report") else . end
      | [.Results[]?.Vulnerabilities[]? | select(.Severity == "CRITICAL")
          | {id: .VulnerabilityID, severity: "critical", foundAt: (.PublishedDate // $at)}]
      | unique_by(.id) | sort_by(.foundAt) | .[:500]
      | {entityRef: $ref, measuredAt: $at, vulnerabilities: .}
    ' "$file")
    summary=$(jq -r '"\(.vulnerabilities | length) critical vulnerabilities\(
      if (.vulnerabilities | length) > 0 then ": " + ([.vulnerabilities[].id] | join(", ")) else "" end)"' <<<"$body")
    ;;
esac

echo "Reporting to ${PORTAL_URL%/} for $ENTITY_REF: $summary"
# The token goes through curl's config on standard input, not its arguments.
if ! answer=$(printf 'header = "Authorization: Bearer %s"\n' "$PORTAL_CI_TOKEN" |
  curl --config - --silent --show-error --fail-with-body \
    --retry 3 --retry-connrefused --max-time 30 \
    --header 'Content-Type: application/json' \
    --data-binary "$body" \
    "${PORTAL_URL%/}/api/scorecards/facts"); then
  echo "::error title=Portal report failed::The portal refused the $kind report: ${answer:-no answer}"
  exit 1
fi
echo "$answer"
