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
  runRoleArn: 'TFC_AWS_RUN_ROLE_ARN',
} as const;

/** A tag may not be one of these words (Terraform Cloud reserves them). */
export const RESERVED_CREDENTIAL_TAGS: readonly string[] = ['TYPE'];
