import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
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

/** One version as ListSecretVersionIds lists it, labelled or not. */
export interface VersionListing {
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly createdDate?: Date;
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
   * Every version, including those without a staging label (which DescribeSecret leaves out).
   * Needs `secretsmanager:ListSecretVersionIds`. Only read when a rotation is stuck.
   */
  async listVersions(): Promise<VersionListing[]> {
    const versions: VersionListing[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const output = await this.call('ListSecretVersionIds', () =>
        this.client.send(
          new ListSecretVersionIdsCommand({
            SecretId: this.secretId,
            IncludeDeprecated: true,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        ),
      );
      for (const version of output.Versions ?? []) {
        if (version.VersionId === undefined) continue;
        versions.push({
          versionId: version.VersionId,
          stages: version.VersionStages ?? [],
          ...(version.CreatedDate === undefined ? {} : { createdDate: version.CreatedDate }),
        });
      }
      // moto answers an empty NextToken on the last page; AWS leaves it out.
      nextToken = output.NextToken === '' || output.NextToken === token ? undefined : output.NextToken;
    } while (nextToken !== undefined);
    return versions;
  }

  /**
   * The version with `stage` (and `versionId` when given), or undefined when no such version
   * exists or it holds no value yet (RotateSecret's fresh AWSPENDING version). A stage of
   * `undefined` reads the version by id alone (a version without a label).
   */
  async getVersion(
    stage: string | undefined,
    versionId?: string,
    secretId = this.secretId,
  ): Promise<StoredVersion | undefined> {
    try {
      const output = await this.client.send(
        new GetSecretValueCommand({
          SecretId: secretId,
          ...(stage === undefined ? {} : { VersionStage: stage }),
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
      throw new SecretsManagerCallError(`GetSecretValue(${stage ?? `version ${versionId ?? ''}`})`, error);
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
