// Benchmark child process: synthesizes the environments in a JSON file, like main.ts does
// for the environment folders. Arguments: <environments.json> <outdir> <lambda zip>.
import { readFileSync } from 'node:fs';
import type { RawEnvironment } from '@credential-rotation/environment-config';
import { synthesize } from '../synthesize';

const [file, outdir, zip] = process.argv.slice(2);
if (file === undefined || outdir === undefined || zip === undefined) {
  console.error('usage: synth-entry <environments.json> <outdir> <lambda zip>');
  process.exit(2);
}
const environments = JSON.parse(readFileSync(file, 'utf8')) as RawEnvironment[];
synthesize({ environments, outdir, lambdaZipPath: () => zip }).then(
  (result) => {
    if (!result.ok) {
      result.problems.forEach((line) => console.error(line));
      process.exitCode = 1;
    }
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
