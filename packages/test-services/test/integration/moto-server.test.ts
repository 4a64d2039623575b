import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
} from '@aws-sdk/client-secrets-manager';
import { isPortOpen } from '../../src/free-port';
import { startMoto } from '../../src/moto-server';
import type { MotoServer } from '../../src/types/services';

jest.setTimeout(120_000);

describe('startMoto', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('serves Secrets Manager to the real SDK client on loopback', async () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(moto.region).toBe('us-east-1');
    const client = moto.client();
    await client.send(new CreateSecretCommand({ Name: 'harness-check', SecretString: '{"a":1}' }));
    const value = await client.send(new GetSecretValueCommand({ SecretId: 'harness-check' }));
    expect(value.SecretString).toBe('{"a":1}');
    expect(value.VersionStages).toEqual(['AWSCURRENT']);
  });

  it('forgets every secret on reset()', async () => {
    const client = moto.client();
    await client.send(new CreateSecretCommand({ Name: 'to-be-reset', SecretString: 'x' }));
    await moto.reset();
    const listed = await client.send(new ListSecretsCommand({}));
    expect(listed.SecretList ?? []).toEqual([]);
  });

  it('frees the port on stop()', async () => {
    const port = Number(new URL(moto.endpoint).port);
    await moto.stop();
    expect(await isPortOpen(port)).toBe(false);
  });
});
