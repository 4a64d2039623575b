import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortOpen } from '../../src/free-port';

jest.setTimeout(120_000);

const TSX = join(__dirname, '../../../../node_modules/.bin/tsx');
const FIXTURE = join(__dirname, '../fixtures/start-and-leave.ts');

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

describe.each([
  ['postgres', 'exit'],
  ['mariadb', 'signal'],
] as const)('a parent that leaves without stop() (%s, %s)', (engine, mode) => {
  it('takes its server and temp dirs with it', async () => {
    const child = spawn(TSX, [FIXTURE, engine, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0] ?? '');
      });
      child.once('exit', () => reject(new Error(`fixture exited early: ${buffer}`)));
    });
    const { port, directories } = JSON.parse(line) as { port: number; directories: string[] };
    expect(directories.length).toBeGreaterThan(0);
    expect(await isPortOpen(port)).toBe(true);
    if (mode === 'signal') child.kill('SIGTERM');
    else child.stdin.write('exit\n');
    await exited;
    expect(await eventually(async () => !(await isPortOpen(port)))).toBe(true);
    // The port closes as soon as the server dies; removing its data dir can take longer under load.
    for (const directory of directories) {
      expect(await eventually(async () => !existsSync(join(tmpdir(), directory)))).toBe(true);
    }
  });
});
