import { existsSync } from 'node:fs';
import { TEST_SERVICES_FILE_ENV } from '../../src/constants';
import { isPortOpen } from '../../src/free-port';
import { databasesGlobalSetup, globalSetup, globalTeardown } from '../../src/jest-global-setup';
import { readTestServices } from '../../src/read-test-services';

jest.setTimeout(180_000);

describe('globalSetup / readTestServices / globalTeardown', () => {
  afterAll(async () => {
    await globalTeardown();
  });

  it('starts all three services, shares them through a file, and stops them', async () => {
    await globalSetup();
    const file = process.env[TEST_SERVICES_FILE_ENV] ?? '';
    expect(existsSync(file)).toBe(true);

    const services = readTestServices();
    expect(services.postgres).toMatchObject({ engine: 'postgres', host: '127.0.0.1' });
    expect(services.mariadb).toMatchObject({ engine: 'mariadb', host: '127.0.0.1' });
    expect(services.postgres.caPem).toContain('BEGIN CERTIFICATE');
    expect(services.mariadb.superuser.password.length).toBeGreaterThanOrEqual(24);
    const motoPort = Number(new URL(services.moto.endpoint).port);
    const ports = [services.postgres.port, services.mariadb.port, motoPort];
    for (const port of ports) expect(await isPortOpen(port)).toBe(true);
    await services.moto.reset();

    await globalTeardown();
    for (const port of ports) expect(await isPortOpen(port)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(() => readTestServices()).toThrow(/globalSetup/);
  });

  it('starts only the databases with databasesGlobalSetup, and says so when moto is read', async () => {
    await databasesGlobalSetup();
    const services = readTestServices();
    expect(await isPortOpen(services.postgres.port)).toBe(true);
    expect(await isPortOpen(services.mariadb.port)).toBe(true);
    expect(() => services.moto).toThrow(/moto was not started/);
    await globalTeardown();
    expect(await isPortOpen(services.postgres.port)).toBe(false);
  });
});
