/** Terraform Cloud's hostname; Terraform Enterprise installations name their own. */
export const TFC_HOSTNAME = 'app.terraform.io';

/** Audience Terraform Cloud puts in its workload identity tokens for AWS unless told otherwise. */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';

/** Project every workspace of this repository lives in when the settings name none. */
export const TFC_DEFAULT_PROJECT = 'Default Project';

/** Default workspace name of an environment stack: `credential-rotation-<env>` (the infra app uses the same). */
export const WORKSPACE_NAME_PREFIX = 'credential-rotation-';

/** Stack id of this app. */
export const BOOTSTRAP_STACK_ID = 'tfc-bootstrap';

/**
 * Workspace environment variables of Terraform Cloud's dynamic AWS credentials. A tag appended with
 * `_<tag>` makes an extra configuration for one aliased provider (letters, digits and `_` only).
 */
export const DYNAMIC_CREDENTIAL_VARIABLES = {
  providerAuth: 'TFC_AWS_PROVIDER_AUTH',
  /** One role for both phases (the entry role); left unset when both phase roles are set. */
  runRoleArn: 'TFC_AWS_RUN_ROLE_ARN',
  /** Role of the plan phase (speculative plans, previews, drift checks, and the plan of every run). */
  planRoleArn: 'TFC_AWS_PLAN_ROLE_ARN',
  /** Role of the apply phase. */
  applyRoleArn: 'TFC_AWS_APPLY_ROLE_ARN',
} as const;

/** The run phases Terraform Cloud puts in the `sub` claim of its workload identity tokens (`...:run_phase:<phase>`). */
export const RUN_PHASES = { plan: 'plan', apply: 'apply' } as const;

/**
 * Path of the plan roles (`/tfc-plan/`) and the suffix of their names (`-plan`): shared with the
 * guardrails, which let the plan roles read the metadata version by id like the deploy roles.
 */
export { PLAN_ROLE_NAME_SUFFIX, PLAN_ROLE_PATH } from '@credential-rotation/environment-config';

/** AWS-managed policy the plan roles start from; their own policy denies what it must not allow. */
export const READ_ONLY_ACCESS_POLICY = 'ReadOnlyAccess';

/** A tag may not be one of these words (Terraform Cloud reserves them). */
export const RESERVED_CREDENTIAL_TAGS: readonly string[] = ['TYPE'];
