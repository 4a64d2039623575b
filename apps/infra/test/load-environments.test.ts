import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverEnvironments, loadEnvironments } from '../src/load-environments';
import { environmentsDir, plainConfig } from './config-fixtures';

describe('loadEnvironments', () => {
  let root: string;
  beforeEach(() => {
    root = environmentsDir({ prod: plainConfig(), dev: plainConfig() });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('discovers only folders that hold a config.ts, sorted', () => {
    mkdirSync(join(root, 'shared'));
    expect(discoverEnvironments(root)).toEqual(['dev', 'prod']);
  });

  it('loads each compiled default export without validating it', () => {
    const result = loadEnvironments(root);
    expect(result.problems).toEqual([]);
    expect(result.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(result.environments[0]!.config).toEqual(plainConfig());
  });

  it('reports an environment that was not compiled', () => {
    mkdirSync(join(root, 'qa'));
    writeFileSync(join(root, 'qa', 'config.ts'), '');
    expect(loadEnvironments(root).problems).toEqual([
      `qa: ${join(root, 'dist', 'qa', 'config.js')} is missing: build the environments workspace (npm run build)`,
    ]);
  });

  it('reports a config without a default export', () => {
    writeFileSync(join(root, 'dist', 'dev', 'config.js'), 'exports.config = {};\n');
    expect(loadEnvironments(root).problems).toEqual([
      'dev: config.ts must default-export defineEnvironment({...})',
    ]);
  });

  it('reports a config that throws, by error name only', () => {
    writeFileSync(join(root, 'dist', 'dev', 'config.js'), 'throw new TypeError("value s3cr3t");\n');
    expect(loadEnvironments(root).problems).toEqual(['dev: config.js failed to load (TypeError)']);
  });
});
