import { CONFIG_DEFAULTS, ConfigurationError, loadConfig } from '../../src';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      passwordLength: 32,
      excludeCharacters: CONFIG_DEFAULTS.excludeCharacters,
      dbConnectTimeoutMs: 5000,
      serviceName: 'credential-rotation',
      metricsNamespace: 'CredentialRotation',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PASSWORD_LENGTH: '48',
      EXCLUDE_CHARACTERS: 'xyz',
      DB_CONNECT_TIMEOUT_MS: '1500',
      SECRETS_MANAGER_ENDPOINT: 'http://127.0.0.1:5000',
      POWERTOOLS_SERVICE_NAME: 'svc',
      POWERTOOLS_METRICS_NAMESPACE: 'Ns',
    });
    expect(config).toEqual({
      passwordLength: 48,
      excludeCharacters: 'xyz',
      dbConnectTimeoutMs: 1500,
      secretsManagerEndpoint: 'http://127.0.0.1:5000',
      serviceName: 'svc',
      metricsNamespace: 'Ns',
    });
  });

  it('keeps an explicitly empty EXCLUDE_CHARACTERS (exclude nothing)', () => {
    expect(loadConfig({ EXCLUDE_CHARACTERS: '' }).excludeCharacters).toBe('');
  });

  it('excludes characters that break connection strings and shells by default', () => {
    for (const c of ['/', '@', '"', "'", '\\', ':', ';', '?', '#', '%', '&', '+', '=', ',', '`', ' ', '$']) {
      expect(CONFIG_DEFAULTS.excludeCharacters).toContain(c);
    }
  });

  it.each([
    ['PASSWORD_LENGTH', '8'],
    ['PASSWORD_LENGTH', '4097'],
    ['PASSWORD_LENGTH', '32.5'],
    ['PASSWORD_LENGTH', 'long'],
    ['DB_CONNECT_TIMEOUT_MS', '50'],
    ['DB_CONNECT_TIMEOUT_MS', '-1'],
    ['SECRETS_MANAGER_ENDPOINT', 'localhost:5000'],
  ])('throws naming %s when it is %p', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^Environment variable ${variable} `));
  });
});
