import { randomInt, randomUUID } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type {
  GetRandomPasswordRequest,
  GetSecretValueRequest,
  PutSecretValueRequest,
  RotateSecretRequest,
  UpdateSecretVersionStageRequest,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

interface Version {
  stages: string[];
  /** Creation order; ListSecretVersionIds reports it as CreatedDate. */
  created: number;
  secretString?: string;
  secretBinary?: Uint8Array;
}

interface Secret {
  arn: string;
  rotationEnabled: boolean;
  versions: Map<string, Version>;
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const ALPHABET = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789${PUNCTUATION}`;
const meta = { $metadata: {} };

/**
 * Secrets Manager in memory, following AWS's documented semantics (not moto's): a version
 * with no value, immutable version values, RotateSecret refusing while a rotation is
 * incomplete. Unit tests only; the integration tests use moto through the same SDK client.
 */
export class InMemorySecretsManager {
  readonly client = new SecretsManagerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  readonly mock = mockClient(this.client);
  private readonly secrets = new Map<string, Secret>();
  private clock = Date.UTC(2026, 0, 1);

  constructor() {
    this.mock.on(DescribeSecretCommand).callsFake((input: { SecretId: string }) => {
      const secret = this.find(input.SecretId);
      const stages: Record<string, string[]> = {};
      for (const [id, version] of secret.versions) stages[id] = [...version.stages];
      return { ARN: secret.arn, RotationEnabled: secret.rotationEnabled, VersionIdsToStages: stages };
    });
    this.mock.on(GetSecretValueCommand).callsFake((input: GetSecretValueRequest) => this.get(input));
    this.mock.on(PutSecretValueCommand).callsFake((input: PutSecretValueRequest) => this.put(input));
    this.mock
      .on(UpdateSecretVersionStageCommand)
      .callsFake((input: UpdateSecretVersionStageRequest) => this.stage(input));
    this.mock.on(GetRandomPasswordCommand).callsFake((input: GetRandomPasswordRequest) => {
      const allowed = [...ALPHABET].filter((c) => !(input.ExcludeCharacters ?? '').includes(c));
      const length = input.PasswordLength ?? 32;
      return { RandomPassword: Array.from({ length }, () => allowed[randomInt(allowed.length)]).join('') };
    });
    this.mock.on(RotateSecretCommand).callsFake((input: RotateSecretRequest) => this.rotate(input));
    this.mock.on(ListSecretVersionIdsCommand).callsFake((input: { SecretId: string }) => ({
      ARN: this.find(input.SecretId).arn,
      Versions: [...this.find(input.SecretId).versions].map(([id, v]) => ({
        VersionId: id,
        VersionStages: [...v.stages],
        CreatedDate: new Date(v.created),
      })),
    }));
  }

  /** Removes a label by hand, as an operator would with UpdateSecretVersionStage. */
  removeLabel(arn: string, label: string): void {
    this.detach(this.find(arn), label);
  }

  /** A creation time later than every version's so far. */
  private tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  /** Creates a secret whose first version (AWSCURRENT) holds `value` (a string or binary). */
  create(name: string, value: string | Uint8Array, options: { rotationEnabled?: boolean } = {}): string {
    const arn = `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
    const version: Version =
      typeof value === 'string'
        ? { stages: ['AWSCURRENT'], created: this.tick(), secretString: value }
        : { stages: ['AWSCURRENT'], created: this.tick(), secretBinary: value };
    this.secrets.set(arn, {
      arn,
      rotationEnabled: options.rotationEnabled ?? true,
      versions: new Map([[randomUUID(), version]]),
    });
    return arn;
  }

  /** What RotateSecret does before invoking the function: an AWSPENDING version id with no value. */
  startRotation(arn: string, token: string = randomUUID()): string {
    this.rotate({ SecretId: arn, ClientRequestToken: token });
    return token;
  }

  /** Adds a version with a value and stages directly (to stage drift scenarios). */
  addVersion(arn: string, secretString: string, stages: string[]): string {
    const id = randomUUID();
    const secret = this.find(arn);
    if (stages.includes('AWSCURRENT')) {
      // As PutSecretValue does: the old AWSCURRENT becomes AWSPREVIOUS.
      this.detach(secret, 'AWSPREVIOUS');
      for (const version of secret.versions.values())
        if (version.stages.includes('AWSCURRENT')) version.stages.push('AWSPREVIOUS');
    }
    for (const stage of stages) this.detach(secret, stage);
    secret.versions.set(id, { stages, created: this.tick(), secretString });
    return id;
  }

  stages(arn: string): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const [id, version] of this.find(arn).versions) result[id] = [...version.stages];
    return result;
  }

  value(arn: string, stage: string): Record<string, unknown> {
    const version = [...this.find(arn).versions.values()].find((v) => v.stages.includes(stage));
    return JSON.parse(version?.secretString ?? 'null') as Record<string, unknown>;
  }

  private find(id: string): Secret {
    const secret = this.secrets.get(id);
    if (secret === undefined)
      throw new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        ...meta,
      });
    return secret;
  }

  private get(input: GetSecretValueRequest): object {
    const secret = this.find(input.SecretId ?? '');
    const stage = input.VersionStage ?? (input.VersionId === undefined ? 'AWSCURRENT' : undefined);
    const entry = [...secret.versions].find(
      ([id, v]) =>
        (input.VersionId === undefined || id === input.VersionId) &&
        (stage === undefined || v.stages.includes(stage)),
    );
    if (entry === undefined || (entry[1].secretString === undefined && entry[1].secretBinary === undefined)) {
      throw new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret value.",
        ...meta,
      });
    }
    const [id, v] = entry;
    return {
      ARN: secret.arn,
      VersionId: id,
      VersionStages: [...v.stages],
      SecretString: v.secretString,
      SecretBinary: v.secretBinary,
    };
  }

  private put(input: PutSecretValueRequest): object {
    const secret = this.find(input.SecretId ?? '');
    const id = input.ClientRequestToken ?? randomUUID();
    const stages = input.VersionStages ?? ['AWSCURRENT'];
    const existing = secret.versions.get(id);
    if (existing?.secretString !== undefined || existing?.secretBinary !== undefined) {
      if (existing.secretString === input.SecretString) return { ARN: secret.arn, VersionId: id };
      throw new ResourceExistsException({
        message: `You can't modify an existing version; token ${id} is in use.`,
        ...meta,
      });
    }
    for (const stage of stages) this.detach(secret, stage);
    secret.versions.set(id, {
      stages: [...new Set([...(existing?.stages ?? []), ...stages])],
      created: existing?.created ?? this.tick(),
      secretString: input.SecretString,
    });
    return { ARN: secret.arn, VersionId: id, VersionStages: stages };
  }

  private stage(input: UpdateSecretVersionStageRequest): object {
    const secret = this.find(input.SecretId ?? '');
    const label = input.VersionStage ?? '';
    const holder = [...secret.versions].find(([, v]) => v.stages.includes(label))?.[0];
    if (input.RemoveFromVersionId !== undefined && holder !== input.RemoveFromVersionId) {
      throw new InvalidParameterException({
        message: `${label} is not attached to version ${input.RemoveFromVersionId}.`,
        ...meta,
      });
    }
    if (
      input.RemoveFromVersionId === undefined &&
      holder !== undefined &&
      input.MoveToVersionId !== undefined &&
      holder !== input.MoveToVersionId
    ) {
      throw new InvalidParameterException({
        message: `${label} is attached to ${holder}; RemoveFromVersionId is required.`,
        ...meta,
      });
    }
    if (holder !== undefined && input.RemoveFromVersionId !== undefined) {
      const old = secret.versions.get(holder);
      if (old !== undefined) old.stages = old.stages.filter((s) => s !== label);
      if (label === 'AWSCURRENT' && old !== undefined) {
        this.detach(secret, 'AWSPREVIOUS');
        old.stages.push('AWSPREVIOUS');
      }
    }
    if (input.MoveToVersionId !== undefined) {
      const target = secret.versions.get(input.MoveToVersionId);
      if (target === undefined)
        throw new InvalidParameterException({ message: 'Not a valid version.', ...meta });
      if (!target.stages.includes(label)) target.stages.push(label);
      if (label === 'AWSCURRENT') target.stages = target.stages.filter((s) => s !== 'AWSPREVIOUS');
    }
    for (const [id, v] of secret.versions)
      if (v.stages.length === 0 && v.secretString === undefined) secret.versions.delete(id);
    return { ARN: secret.arn };
  }

  private rotate(input: RotateSecretRequest): object {
    const secret = this.find(input.SecretId ?? '');
    const incomplete = [...secret.versions.values()].some(
      (v) => v.stages.includes('AWSPENDING') && !v.stages.includes('AWSCURRENT'),
    );
    if (incomplete) {
      throw new InvalidRequestException({
        message: "A previous rotation isn't complete. That rotation will be reattempted.",
        ...meta,
      });
    }
    const id = input.ClientRequestToken ?? randomUUID();
    this.detach(secret, 'AWSPENDING');
    secret.versions.set(id, { stages: ['AWSPENDING'], created: this.tick() });
    secret.rotationEnabled = true;
    return { ARN: secret.arn, VersionId: id };
  }

  private detach(secret: Secret, label: string): void {
    for (const version of secret.versions.values())
      version.stages = version.stages.filter((s) => s !== label);
  }
}
