import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Debian's `chromium`; the test fails (never skips) without it. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'headless Chromium not found: install it with `apt-get install -y chromium` (Debian package `chromium`).',
    );
  }
  return found;
}

/**
 * Flags for a sandboxed, offline, deterministic run: every host name resolves nowhere, so a page
 * that needed anything from the network would render without it.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--hide-scrollbars',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** The DOM Chromium built from the file (after parsing and layout), serialized. */
export async function renderedDom(file: string): Promise<string> {
  const { stdout } = await run(chromiumPath(), [...FLAGS, '--dump-dom', `file://${file}`], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return stdout;
}

/** Saves a PNG screenshot of the file at the given window size. */
export async function screenshot(file: string, png: string, width = 1280, height = 1600): Promise<void> {
  await run(
    chromiumPath(),
    [...FLAGS, `--window-size=${width},${height}`, `--screenshot=${png}`, `file://${file}`],
    { timeout: 60_000 },
  );
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
