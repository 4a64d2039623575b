import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireExecutable } from './binaries';
import { LOOPBACK } from './constants';
import { runCommand } from './run-command';
import { createTempDirectory } from './temp-directory';

/** A throwaway certificate authority made with the openssl CLI. */
export interface TestCertificateAuthority {
  /** PEM of the CA certificate: give it to clients as their only trusted CA. */
  readonly caPem: string;
  /** Writes `server.crt` and `server.key` for 127.0.0.1/localhost, signed by this CA, into `directory`. */
  issueServerCertificate(directory: string): Promise<{ certPath: string; keyPath: string }>;
}

const VALID_DAYS = '3';

async function generateCa(commonName: string): Promise<{ caPem: string; caKeyPem: string }> {
  const directory = createTempDirectory('ca');
  try {
    const caKey = join(directory.path, 'ca.key');
    const caCert = join(directory.path, 'ca.crt');
    await runCommand('openssl', openssl(), [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-days',
      VALID_DAYS,
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return { caPem: readFileSync(caCert, 'utf8'), caKeyPem: readFileSync(caKey, 'utf8') };
  } finally {
    directory.remove();
  }
}

function openssl(): string {
  return requireExecutable('openssl', 'The openssl CLI');
}

/** Generates a new CA (EC P-256: fast to generate, accepted by PostgreSQL, MariaDB and Node). */
export async function createTestCertificateAuthority(
  commonName = 'credential-rotation test CA',
): Promise<TestCertificateAuthority> {
  const bin = openssl();
  // Keep the CA in memory only: no directory outlives this call, even if the process is killed.
  const { caPem, caKeyPem } = await generateCa(commonName);
  let serial = 1;

  return {
    caPem,
    async issueServerCertificate(target: string) {
      const keyPath = join(target, 'server.key');
      const certPath = join(target, 'server.crt');
      const csrPath = join(target, 'server.csr');
      const extPath = join(target, 'server.ext');
      const signingKeyPath = join(target, 'ca.key');
      const signingCertPath = join(target, 'ca.crt');
      writeFileSync(signingKeyPath, caKeyPem, { mode: 0o600 });
      writeFileSync(signingCertPath, caPem);
      writeFileSync(
        extPath,
        [
          'basicConstraints=critical,CA:FALSE',
          'keyUsage=critical,digitalSignature,keyEncipherment',
          'extendedKeyUsage=serverAuth',
          `subjectAltName=IP:${LOOPBACK},DNS:localhost`,
          '',
        ].join('\n'),
      );
      await runCommand('openssl', bin, [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        csrPath,
        '-subj',
        `/CN=${LOOPBACK}`,
      ]);
      await runCommand('openssl', bin, [
        'x509',
        '-req',
        '-in',
        csrPath,
        '-CA',
        signingCertPath,
        '-CAkey',
        signingKeyPath,
        '-set_serial',
        String(Date.now() * 1000 + serial++),
        '-days',
        VALID_DAYS,
        '-extfile',
        extPath,
        '-out',
        certPath,
      ]);
      rmSync(signingKeyPath);
      rmSync(csrPath);
      return { certPath, keyPath };
    },
  };
}

let runCa: Promise<TestCertificateAuthority> | undefined;

/** The CA shared by every server this process starts (one per test run). */
export function runCertificateAuthority(): Promise<TestCertificateAuthority> {
  runCa ??= createTestCertificateAuthority().catch((error: unknown) => {
    runCa = undefined;
    throw error;
  });
  return runCa;
}
