/**
 * The identity policy an application role gets for its one database secret: the example in
 * docs/security/model.md. Application roles are owned by application teams, not by this
 * stack, so the scenarios give the role this policy, or a deliberately broad one to show the
 * secret's resource policy and the SCPs still hold.
 */
import type { PolicyJson } from './stack-policies';

/** `-??????` matches the six characters Secrets Manager appends to a secret's ARN, and nothing longer. */
export function applicationRolePolicy(region: string, accountId: string, secretName: string): PolicyJson {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadOwnSecret',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: `arn:aws:secretsmanager:${region}:${accountId}:secret:${secretName}-??????`,
      },
      {
        Sid: 'DecryptThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
      },
    ],
  };
}

/** Everything on Secrets Manager and KMS: what a careless team might attach. */
export const BROAD_SECRETS_POLICY: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['secretsmanager:*', 'kms:*'], Resource: '*' }],
};
