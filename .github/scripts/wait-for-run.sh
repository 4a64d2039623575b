#!/usr/bin/env bash
# Waits until a Terraform Cloud run reaches a final status; exits 0 when it applied (or had nothing
# to apply), 1 otherwise. Reads the token from TF_API_TOKEN and never prints it, nor puts it on a
# command line (curl reads the header from a pipe). WAIT_FOR_RUN_POLL_SECONDS: poll interval (15).
# Usage: wait-for-run.sh <hostname or empty> <run id> [timeout seconds]
set -euo pipefail
host="${1:-}"
host="${host:-app.terraform.io}"
run_id="$2"
timeout="${3:-3600}"
if [[ ! "$run_id" =~ ^run-[A-Za-z0-9]+$ ]]; then
  echo "::error::wait-for-run: run id must look like run-abc123 (got '${run_id}')"
  exit 1
fi
if [[ -z "${TF_API_TOKEN:-}" ]]; then
  echo "::error::wait-for-run: TF_API_TOKEN is not set"
  exit 1
fi
poll="${WAIT_FOR_RUN_POLL_SECONDS:-15}"
deadline=$((SECONDS + timeout))
failures=0
while ((SECONDS < deadline)); do
  # printf is a shell builtin: the token reaches curl through the pipe, never through argv.
  if ! status="$(printf 'Authorization: Bearer %s\n' "$TF_API_TOKEN" |
    curl --silent --show-error --fail \
      --header @- \
      --header "Content-Type: application/vnd.api+json" \
      "https://${host}/api/v2/runs/${run_id}" | jq -r '.data.attributes.status')"; then
    # A blip is retried; a token that is refused three times in a row will not start working.
    failures=$((failures + 1))
    if ((failures >= 3)); then
      echo "::error::Run ${run_id}: the status request failed ${failures} times in a row"
      exit 1
    fi
    echo "Run ${run_id}: status request failed (${failures}/3); retrying"
    sleep "$poll"
    continue
  fi
  failures=0
  case "$status" in
    applied | planned_and_finished)
      echo "Run ${run_id}: ${status}"
      exit 0
      ;;
    errored | discarded | canceled | force_canceled | policy_soft_failed)
      echo "::error::Run ${run_id} ended as ${status}: https://${host}/app/runs/${run_id}"
      exit 1
      ;;
    *)
      echo "Run ${run_id}: ${status}; waiting"
      sleep "$poll"
      ;;
  esac
done
echo "::error::Run ${run_id} did not finish within ${timeout} seconds"
exit 1
