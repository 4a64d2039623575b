import type { FailOnKind } from './constants';

/** What the stack writes for one configured database user, in one account and region. */
export interface ExpectedSecret {
  readonly accountId: string;
  readonly accountName: string;
  readonly region: string;
  /** True in a replica region: the secret is a replica and rotates with its primary. */
  readonly replica: boolean;
  readonly name: string;
  readonly database: string;
  readonly user: string;
  readonly engine: string;
  readonly strategy: string;
  readonly schedule: string;
  readonly windowHours: number;
  readonly rotationLambdaArn: string;
  /** Alias of the account's secrets key, e.g. `alias/prod-rds-secrets`. */
  readonly keyAlias: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Metadata of one secret as the service returns it (no value, ever). */
export interface ObservedSecret {
  readonly arn: string;
  readonly name: string;
  readonly kmsKeyId?: string;
  readonly rotationEnabled?: boolean;
  readonly rotationLambdaArn?: string;
  readonly scheduleExpression?: string;
  readonly automaticallyAfterDays?: number;
  readonly duration?: string;
  readonly lastRotatedDate?: Date;
  readonly nextRotationDate?: Date;
  readonly createdDate?: Date;
  readonly deletedDate?: Date;
  readonly primaryRegion?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly versionStages: Readonly<Record<string, readonly string[]>>;
  /** Version creation dates, fetched only when the stages need them (stuck or no LastRotatedDate). */
  readonly versionCreated?: Readonly<Record<string, Date>>;
  /** Statement ids of the resource policy; undefined when there is none, null when it could not be read. */
  readonly policySids?: readonly string[] | null;
  /** Why the resource policy could not be read (the error's name). */
  readonly policyError?: string;
}

/** A rotation failure, as the function logged it or CloudTrail recorded it: step and reason only. */
export interface RotationFailure {
  readonly at: string;
  readonly secretArn: string;
  readonly step: string;
  readonly reason: string;
  readonly source: 'function-log' | 'cloudtrail';
}

/** One row of the report: a secret (or a configured secret that does not exist). */
export interface SecretRow {
  readonly accountId: string;
  readonly accountName: string;
  readonly region: string;
  readonly name: string;
  readonly replica: boolean;
  readonly exists: boolean;
  readonly database?: string;
  readonly user?: string;
  readonly engine?: string;
  readonly strategy?: string;
  readonly rotationEnabled?: boolean;
  readonly schedule?: string;
  readonly lastRotated?: string;
  readonly nextRotation?: string;
  /** Days since the last rotation (or since creation when never rotated). */
  readonly ageDays?: number;
  /** Days the schedule allows between rotations, window included. */
  readonly allowedDays?: number;
  readonly overdue: boolean;
  readonly neverRotated: boolean;
  readonly stuck: boolean;
  readonly pendingSince?: string;
  readonly lastFailure?: RotationFailure;
  readonly drift: readonly string[];
}

export type FindingKind = FailOnKind | 'access';

export interface Finding {
  readonly kind: FindingKind;
  readonly accountId: string;
  readonly region: string;
  readonly secretName?: string;
  readonly detail: string;
}

export type AccountStatus = 'ok' | 'refused' | 'error';

export interface AccountSummary {
  readonly accountId: string;
  readonly name: string;
  readonly role: 'workload' | 'security';
  readonly status: AccountStatus;
  /** Why the account could not be read: the error's name only. */
  readonly problems: readonly string[];
  readonly secrets: number;
  readonly findings: number;
}

/** One break-glass session: who, why, and what the reader did to which secrets. */
export interface BreakGlassSession {
  readonly at: string;
  readonly accountId: string;
  readonly roleArn: string;
  readonly stage: 'central' | 'reader';
  readonly who: string;
  readonly sourceIdentity?: string;
  readonly reason?: string;
  readonly ticket?: string;
  /** `<eventName> <secret>` for every Secrets Manager call made with the session's keys. */
  readonly secretActions: readonly string[];
}

export interface ComplianceControl {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  readonly summary: string;
  readonly evidence: readonly (readonly string[])[];
  readonly evidenceHeader: readonly string[];
}

export interface Report {
  readonly environment: string;
  readonly generatedAt: string;
  readonly asOf: string;
  readonly since: string;
  readonly complete: boolean;
  readonly accounts: readonly AccountSummary[];
  readonly secrets: readonly SecretRow[];
  readonly findings: readonly Finding[];
  readonly breakGlass: readonly BreakGlassSession[];
  readonly compliance: readonly ComplianceControl[];
}
