#!/usr/bin/env bash
# Waits until a Terraform Cloud run reaches a final status; exits 0 when it applied (or had nothing
# to apply), 1 otherwise. Reads the token from TF_API_TOKEN and never prints it.
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
deadline=$((SECONDS + timeout))
while ((SECONDS < deadline)); do
  status="$(curl --silent --show-error --fail \
    --header "Authorization: Bearer ${TF_API_TOKEN}" \
    --header "Content-Type: application/vnd.api+json" \
    "https://${host}/api/v2/runs/${run_id}" | jq -r '.data.attributes.status')"
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
      sleep 15
      ;;
  esac
done
echo "::error::Run ${run_id} did not finish within ${timeout} seconds"
exit 1
