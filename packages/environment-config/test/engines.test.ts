import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, MAX_RESOURCE_NAME_LENGTH, MAX_USERNAME_LENGTH, resourceName } from '../src';

describe('contracts with other packages', () => {
  it('lists the same engines as the engine adapter contract', () => {
    // Read as text: this package must not depend on the driver package.
    const contract = readFileSync(
      join(__dirname, '..', '..', 'engine-adapters', 'src', 'types', 'adapter.ts'),
      'utf8',
    );
    const listed = /export const ENGINES = \[([^\]]*)\]/.exec(contract)?.[1];
    expect(listed?.split(',').map((engine) => engine.trim().replace(/'/g, ''))).toEqual([...ENGINES]);
  });

  it('applies the same username limit per engine as the engine adapters', () => {
    const constants = readFileSync(
      join(__dirname, '..', '..', 'engine-adapters', 'src', 'constants.ts'),
      'utf8',
    );
    const table = /export const MAX_USERNAME_LENGTH_BY_ENGINE = \{([^}]*)\}/.exec(constants)?.[1] ?? '';
    const limits = Object.fromEntries(
      [...table.matchAll(/'?([\w-]+)'?: (\d+)/g)].map(([, engine, limit]) => [engine, Number(limit)]),
    );
    for (const engine of ENGINES)
      expect([engine, limits[engine]]).toEqual([engine, MAX_USERNAME_LENGTH[engine]]);
  });

  it('keeps the longest function name within AWS limits', () => {
    const longest = resourceName('e'.repeat(16), 'secrets-rotation', 'w'.repeat(30));
    expect(longest.length).toBe(MAX_RESOURCE_NAME_LENGTH);
  });
});
