import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { allow, minify, policyDocument } from './policy';
import type { AuditRoleProps } from './rotation-audit';
import { auditRole, NEVER_A_VALUE } from './rotation-audit';

/**
 * The audit role in the security account, where CloudTrail records who assumed the central
 * break-glass role: `credential-rotation report` looks those events up through it. CloudTrail
 * look-ups only; never a value, never a decrypt.
 */
export class SecurityAuditRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AuditRoleProps) {
    super(scope, id);
    this.role = auditRole(this, props);
    new IamRolePolicy(this, 'policy', {
      provider: props.provider,
      role: this.role.name,
      name: 'rotation-report-read-only',
      policy: minify(
        policyDocument(
          allow({ Sid: 'BreakGlassEvents', Action: ['cloudtrail:LookupEvents'], Resource: '*' }),
          NEVER_A_VALUE,
        ),
      ),
    });
  }
}
