import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SDK_ERRORS, VERSION_STAGES } from './constants';
import { SecretsManagerCallError } from './errors';

/** What DescribeSecret says about the secret. */
export interface SecretMetadata {
  readonly arn: string;
  readonly rotationEnabled: boolean;
  /** Version id -> staging labels. */
  readonly versions: ReadonlyMap<string, readonly string[]>;
}

/** One stored version. `secretString` is non-enumerable; absent for a binary secret. */
export interface StoredVersion {
  readonly versionId: string;
  readonly secretString?: string;
  readonly isBinary: boolean;
}

export interface PasswordPolicy {
  readonly length: number;
  readonly excludeCharacters: string;
}

/**
 * The Secrets Manager calls of one rotation, for one secret. Wraps failures in
 * `SecretsManagerCallError` and forwards the RotationToken to every call that accepts it
 * (PutSecretValue is the only one in the SDK's input types).
 */
export class SecretsStore {
  constructor(
    private readonly client: SecretsManagerClient,
    /** ARN or name of the rotated secret. */
    readonly secretId: string,
    private readonly rotationToken?: string,
  ) {}

  async describe(): Promise<SecretMetadata> {
    const output = await this.call('DescribeSecret', () =>
      this.client.send(new DescribeSecretCommand({ SecretId: this.secretId })),
    );
    const versions = new Map<string, readonly string[]>();
    for (const [id, stages] of Object.entries(output.VersionIdsToStages ?? {})) versions.set(id, stages);
    return { arn: output.ARN ?? this.secretId, rotationEnabled: output.RotationEnabled === true, versions };
  }

  /**
   * The version with `stage` (and `versionId` when given), or undefined when no such version
   * exists or it holds no value yet (RotateSecret's fresh AWSPENDING version).
   */
  async getVersion(
    stage: string,
    versionId?: string,
    secretId = this.secretId,
  ): Promise<StoredVersion | undefined> {
    try {
      const output = await this.client.send(
        new GetSecretValueCommand({
          SecretId: secretId,
          VersionStage: stage,
          ...(versionId === undefined ? {} : { VersionId: versionId }),
        }),
      );
      const version = {
        versionId: output.VersionId ?? versionId ?? '',
        isBinary: output.SecretString === undefined,
      };
      if (output.SecretString !== undefined) {
        Object.defineProperty(version, 'secretString', { value: output.SecretString, enumerable: false });
      }
      return version;
    } catch (error) {
      if (errorName(error) === SDK_ERRORS.resourceNotFound) return undefined;
      throw new SecretsManagerCallError(`GetSecretValue(${stage})`, error);
    }
  }

  /**
   * Stores the AWSPENDING value under the rotation's version id. Returns `exists` when a
   * concurrent invocation stored a (different) value first: the version is immutable then.
   */
  async putPending(token: string, secretString: string): Promise<'created' | 'exists'> {
    try {
      await this.client.send(
        new PutSecretValueCommand({
          SecretId: this.secretId,
          ClientRequestToken: token,
          SecretString: secretString,
          VersionStages: [VERSION_STAGES.pending],
          ...(this.rotationToken === undefined ? {} : { RotationToken: this.rotationToken }),
        }),
      );
      return 'created';
    } catch (error) {
      if (errorName(error) === SDK_ERRORS.resourceExists) return 'exists';
      throw new SecretsManagerCallError('PutSecretValue(AWSPENDING)', error);
    }
  }

  /** Moves AWSCURRENT to `token`; Secrets Manager moves AWSPREVIOUS to the old version. */
  async moveCurrent(token: string, fromVersionId: string | undefined): Promise<void> {
    await this.call('UpdateSecretVersionStage(AWSCURRENT)', () =>
      this.client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: this.secretId,
          VersionStage: VERSION_STAGES.current,
          MoveToVersionId: token,
          ...(fromVersionId === undefined ? {} : { RemoveFromVersionId: fromVersionId }),
        }),
      ),
    );
  }

  async randomPassword(policy: PasswordPolicy): Promise<string> {
    const output = await this.call('GetRandomPassword', () =>
      this.client.send(
        new GetRandomPasswordCommand({
          PasswordLength: policy.length,
          ...(policy.excludeCharacters === '' ? {} : { ExcludeCharacters: policy.excludeCharacters }),
          RequireEachIncludedType: true,
        }),
      ),
    );
    const password = output.RandomPassword;
    if (password === undefined || password.length !== policy.length) {
      throw new SecretsManagerCallError('GetRandomPassword', 'returned no password of the requested length');
    }
    return password;
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new SecretsManagerCallError(operation, error);
    }
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
