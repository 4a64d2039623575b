#!/usr/bin/env bash
# Scans every synthesized stack with checkov (Terraform JSON framework) using the repository's
# .checkov.yaml: every folder under stacks/, so a stack-per-account environment's organization stack
# and each of its workload stacks alike. Fails when a stack is missing or any check fails.
# Usage: scripts/checkov.sh [cdktf.out directory]   (default: <repo>/cdktf.out, or $POLICY_TESTS_CDKTF_OUT)
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/../../.." && pwd)"
out_dir="${1:-${POLICY_TESTS_CDKTF_OUT:-$repo_root/cdktf.out}}"
config="$repo_root/.checkov.yaml"

if ! command -v checkov >/dev/null 2>&1; then
  echo "checkov is not installed: run .ci/install-test-deps (pip checkov==3.3.30)" >&2
  exit 1
fi
if [[ ! -d "$out_dir/stacks" ]]; then
  echo "$out_dir/stacks does not exist: run \`npm run synth\` at the repository root first" >&2
  exit 1
fi

shopt -s nullglob
stacks=("$out_dir"/stacks/*/cdk.tf.json)
if ((${#stacks[@]} == 0)); then
  echo "no cdk.tf.json under $out_dir/stacks: run \`npm run synth\` first" >&2
  exit 1
fi

status=0
for stack_file in "${stacks[@]}"; do
  stack_dir="$(dirname "$stack_file")"
  echo "checkov: $(basename "$stack_dir")"
  # Scan the stack file only: the assets folder holds the Lambda bundle, not Terraform.
  if ! checkov --config-file "$config" --file "$stack_file"; then
    status=1
  fi
done
exit "$status"
