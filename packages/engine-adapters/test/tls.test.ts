import { rdsCaBundle, tlsSettings } from '../src/tls';

describe('tlsSettings', () => {
  it('defaults to the Amazon RDS CA bundle', () => {
    const settings = tlsSettings(undefined, undefined);
    expect(settings?.ca).toEqual([...rdsCaBundle()]);
    expect(settings?.mysql).toMatchObject({ rejectUnauthorized: true, verifyIdentity: true });
    expect(rdsCaBundle().length).toBeGreaterThan(10);
    expect(rdsCaBundle().every((pem) => pem.includes('BEGIN CERTIFICATE'))).toBe(true);
  });

  it('builds the secure context once per CA (the RDS bundle costs tens of ms to parse)', () => {
    expect(tlsSettings(true, undefined)).toBe(tlsSettings(undefined, undefined));
    expect(tlsSettings(true, undefined)?.secureContext).toBe(
      tlsSettings(undefined, undefined)?.secureContext,
    );
  });

  it('uses the given CA instead', () => {
    const pem = rdsCaBundle()[0] ?? '';
    expect(tlsSettings(true, pem)?.ca).toBe(pem);
    expect(tlsSettings(true, pem)).not.toBe(tlsSettings(true, undefined));
    expect(tlsSettings(undefined, [pem])?.ca).toEqual([pem]);
  });

  it('returns no TLS settings only for an explicit ssl: false', () => {
    expect(tlsSettings(false, 'PEM')).toBeUndefined();
  });
});
