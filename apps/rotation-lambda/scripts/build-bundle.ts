/** `npm run build`, second half: dist/bundle/index.js and dist/rotation-lambda.zip. */
import { buildBundle } from './bundle';

buildBundle()
  .then((result) => {
    const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
    console.log(
      `rotation-lambda: bundle ${kib(result.bundleBytes)}, zip ${kib(result.zipBytes)}, sha256 ${result.sha256}`,
    );
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
