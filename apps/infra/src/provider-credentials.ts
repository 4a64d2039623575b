import type { AccountCredentials } from '@credential-rotation/constructs';
import type { Environment } from '@credential-rotation/environment-config';
import { dynamicCredentialsTag } from '@credential-rotation/environment-config';
import { TerraformVariable, Token, propertyAccess } from 'cdktf';
import type { Construct } from 'constructs';

/** The input variable Terraform Cloud fills with the paths of its dynamic-credentials config files. */
export const TFC_AWS_CREDENTIALS_VARIABLE = 'tfc_aws_dynamic_credentials';

/** Picks the credentials of one account's provider from its alias and deploy role. */
export type CredentialsFor = (providerAlias: string, deployRoleArn: string) => AccountCredentials;

/**
 * How the stack's providers authenticate:
 *
 * - Terraform Cloud with `per-account` credentials: Terraform Cloud writes one AWS config file per
 *   tagged configuration (already the deploy role) and passes the paths in
 *   `var.tfc_aws_dynamic_credentials`; each provider reads its own and assumes nothing.
 * - Anywhere else (a local backend, or Terraform Cloud with an entry role): each provider assumes its
 *   deploy role from the credentials Terraform runs with.
 *
 * The bootstrap (apps/tfc-bootstrap) sets the matching `TFC_AWS_*_<tag>` workspace variables from the
 * same config, with the same {@link dynamicCredentialsTag}.
 */
export function providerCredentials(scope: Construct, environment: Environment): CredentialsFor {
  const cloud = environment.config.terraformCloud;
  if (cloud?.awsCredentials.mode !== 'per-account') {
    const sessionName = `credential-rotation-${environment.name}`;
    return (_alias, deployRoleArn) => ({ kind: 'assume-role', deployRoleArn, sessionName });
  }
  const variable = new TerraformVariable(scope, TFC_AWS_CREDENTIALS_VARIABLE, {
    description:
      'Set by Terraform Cloud dynamic credentials: the AWS config file of each tagged configuration.',
    type: 'object({default=object({shared_config_file=string}),aliases=map(object({shared_config_file=string}))})',
  });
  variable.overrideLogicalId(TFC_AWS_CREDENTIALS_VARIABLE);
  return (alias) => ({
    kind: 'shared-config-file',
    path: Token.asString(
      propertyAccess(variable.value, ['aliases', dynamicCredentialsTag(alias), 'shared_config_file']),
    ),
  });
}
