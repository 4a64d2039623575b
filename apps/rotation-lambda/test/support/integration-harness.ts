import { randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { adapterFor } from '@credential-rotation/engine-adapters';
import { readTestServices } from '@credential-rotation/test-services';
import type { DatabaseServerInfo, TestServices } from '@credential-rotation/test-services';
import { createRotationHandler, loadConfig, RotationDriver } from '../../src';
import type { RotationConfig, RotationHandler } from '../../src';
import { databaseAdmin } from './database-admin';
import type { DatabaseAdmin } from './database-admin';

export type EngineName = 'postgres' | 'mariadb';

/**
 * The real handler and driver against the real services jest's global setup started:
 * PostgreSQL, MariaDB (TLS with the run's CA) and moto through the real SDK client.
 * Remembers every password it creates or reads so a test can prove none was logged.
 */
export class IntegrationHarness {
  readonly services: TestServices = readTestServices();
  readonly client: SecretsManagerClient = this.services.moto.client();
  /** Every password and secret string this harness has seen. */
  readonly secretValues = new Set<string>();
  private readonly arns = new Set<string>();

  server(engine: EngineName): DatabaseServerInfo {
    return engine === 'postgres' ? this.services.postgres : this.services.mariadb;
  }

  admin(engine: EngineName): DatabaseAdmin {
    return databaseAdmin(this.server(engine));
  }

  handler(config: Partial<RotationConfig> = {}): RotationHandler {
    return createRotationHandler({
      adapterFor,
      config: { ...loadConfig({ SECRETS_MANAGER_ENDPOINT: this.services.moto.endpoint }), ...config },
      secretsManager: this.client,
      connectOptions: { ca: [this.services.postgres.caPem, this.services.mariadb.caPem] },
    });
  }

  driver(config: Partial<RotationConfig> = {}): RotationDriver {
    return new RotationDriver({ client: this.client, handler: this.handler(config) });
  }

  /** A unique, lower-case name (PostgreSQL and MariaDB agree on it). */
  name(prefix: string): string {
    return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  }

  remember(value: string | undefined): void {
    if (value !== undefined && value !== '') this.secretValues.add(value);
  }

  /** The master user's secret (`{username, password}` as RDS writes it). */
  async masterSecret(engine: EngineName): Promise<string> {
    const { superuser } = this.server(engine);
    this.remember(superuser.password);
    return this.createSecret(this.name('master'), JSON.stringify(superuser));
  }

  /** A user secret for `engine` with the given fields on top of the connection facts. */
  async userSecret(engine: EngineName, fields: Record<string, unknown>): Promise<string> {
    const server = this.server(engine);
    if (typeof fields.password === 'string') this.remember(fields.password);
    return this.createSecret(
      this.name('secret'),
      JSON.stringify({ engine, host: server.host, port: server.port, ...fields }),
    );
  }

  async createSecret(name: string, secretString: string): Promise<string> {
    this.remember(secretString);
    const output = await this.client.send(
      new CreateSecretCommand({ Name: name, SecretString: secretString }),
    );
    this.arns.add(output.ARN ?? name);
    return output.ARN ?? name;
  }

  async createBinarySecret(name: string, bytes: Uint8Array): Promise<string> {
    const output = await this.client.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));
    return output.ARN ?? name;
  }

  /** Writes a new AWSCURRENT value (the old one becomes AWSPREVIOUS), e.g. to stage drift. */
  async putCurrent(arn: string, value: Record<string, unknown>): Promise<void> {
    const secretString = JSON.stringify(value);
    this.remember(secretString);
    if (typeof value.password === 'string') this.remember(value.password);
    await this.client.send(new PutSecretValueCommand({ SecretId: arn, SecretString: secretString }));
  }

  /** The parsed JSON of a stage (AWSCURRENT by default). */
  async value(arn: string, stage = 'AWSCURRENT'): Promise<Record<string, unknown>> {
    const output = await this.client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
    const value = JSON.parse(output.SecretString ?? 'null') as Record<string, unknown>;
    if (typeof value.password === 'string') this.remember(value.password);
    return value;
  }

  /** Version id -> stages, from ListSecretVersionIds. */
  async stages(arn: string): Promise<Record<string, string[]>> {
    const output = await this.client.send(
      new ListSecretVersionIdsCommand({ SecretId: arn, IncludeDeprecated: true }),
    );
    return Object.fromEntries((output.Versions ?? []).map((v) => [v.VersionId ?? '', v.VersionStages ?? []]));
  }

  /** True when the stage's username and password log in to the stage's database. */
  async stageLogsIn(arn: string, stage: string): Promise<boolean> {
    const value = await this.value(arn, stage);
    const engine = value.engine === 'postgres' ? 'postgres' : 'mariadb';
    return this.admin(engine).canLogIn(String(value.username), String(value.password));
  }

  /** Reads every version of every secret this harness created, to collect all passwords ever stored. */
  async collectStoredValues(): Promise<void> {
    for (const arn of this.arns) {
      for (const versionId of Object.keys(await this.stages(arn))) {
        try {
          const output = await this.client.send(
            new GetSecretValueCommand({ SecretId: arn, VersionId: versionId }),
          );
          this.remember(output.SecretString);
          const parsed: unknown = JSON.parse(output.SecretString ?? 'null');
          if (typeof parsed === 'object' && parsed !== null && 'password' in parsed) {
            this.remember(String((parsed as { password: unknown }).password));
          }
        } catch {
          // a version without a value, or a malformed one: nothing more to collect
        }
      }
    }
  }
}
