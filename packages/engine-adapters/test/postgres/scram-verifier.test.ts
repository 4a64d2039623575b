import { createHash, createHmac } from 'node:crypto';
import { saslPrepPassword, scramSha256Verifier } from '../../src/postgres/scram-verifier';

const FORMAT = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

function parse(verifier: string): { iterations: number; salt: Buffer; storedKey: Buffer; serverKey: Buffer } {
  const match = FORMAT.exec(verifier);
  if (match === null) throw new Error('not a verifier');
  return {
    iterations: Number(match[1]),
    salt: Buffer.from(match[2] ?? '', 'base64'),
    storedKey: Buffer.from(match[3] ?? '', 'base64'),
    serverKey: Buffer.from(match[4] ?? '', 'base64'),
  };
}

describe('scramSha256Verifier', () => {
  it('has the PostgreSQL format with 4096 iterations, a 16-byte salt and 32-byte keys', async () => {
    const parsed = parse(await scramSha256Verifier('pencil'));
    expect(parsed.iterations).toBe(4096);
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.storedKey).toHaveLength(32);
    expect(parsed.serverKey).toHaveLength(32);
  });

  it('uses a fresh random salt each time', async () => {
    const [a, b] = await Promise.all([scramSha256Verifier('same'), scramSha256Verifier('same')]);
    expect(parse(a).salt.equals(parse(b).salt)).toBe(false);
  });

  it('does not contain the password', async () => {
    expect(await scramSha256Verifier('hunter2-hunter2')).not.toContain('hunter2');
  });

  // RFC 7677 section 3: user "user", password "pencil", the exchange below. A correct
  // verifier lets a server check the client proof and produce the expected signature.
  it('verifies the RFC 7677 example exchange', async () => {
    const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
    const { storedKey, serverKey } = parse(await scramSha256Verifier('pencil', { salt, iterations: 4096 }));
    const authMessage =
      'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const clientProof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
    const serverSignature = createHmac('sha256', serverKey).update(authMessage).digest('base64');
    expect(serverSignature).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    const clientSignature = createHmac('sha256', storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(clientProof.map((byte, index) => byte ^ (clientSignature[index] ?? 0)));
    expect(createHash('sha256').update(clientKey).digest().equals(storedKey)).toBe(true);
  });

  it('normalizes like SASLprep: non-ASCII spaces, soft hyphens, NFKC', async () => {
    expect(saslPrepPassword('a\u00A0b\u00ADc\uFB01')).toBe('a bcfi');
    expect(saslPrepPassword('plain ASCII !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toBe(
      'plain ASCII !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
    );
    const salt = Buffer.alloc(16, 7);
    expect(await scramSha256Verifier('\uFB01x', { salt })).toBe(await scramSha256Verifier('fix', { salt }));
  });
});
