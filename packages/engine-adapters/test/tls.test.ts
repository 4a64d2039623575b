import { rdsCaBundle, tlsOptions } from '../src/tls';

describe('tlsOptions', () => {
  it('defaults to the Amazon RDS CA bundle with verification on', () => {
    const options = tlsOptions(undefined, undefined);
    expect(options?.rejectUnauthorized).toBe(true);
    expect(options?.ca).toEqual([...rdsCaBundle()]);
    expect(rdsCaBundle().length).toBeGreaterThan(10);
    expect(rdsCaBundle().every((pem) => pem.includes('BEGIN CERTIFICATE'))).toBe(true);
  });

  it('uses the given CA instead', () => {
    expect(tlsOptions(true, 'PEM')).toEqual({ ca: 'PEM', rejectUnauthorized: true });
    expect(tlsOptions(undefined, ['A', 'B'])?.ca).toEqual(['A', 'B']);
  });

  it('returns no TLS settings only for an explicit ssl: false', () => {
    expect(tlsOptions(false, 'PEM')).toBeUndefined();
  });
});
