import { spawnSync } from 'node:child_process';

/**
 * Whether each event matches the EventBridge pattern, decided by moto's implementation of
 * EventBridge's pattern rules (`moto.events.models.EventPattern`: prefix, wildcard, anything-but,
 * `$or`, ...), the same code its server routes events with. moto's server does not answer
 * TestEventPattern, so the library is called directly; it is installed with the server
 * (`pip install 'moto[server]'`, done by .ci/install-test-deps), and missing it fails the test.
 */
export function eventPatternMatches(pattern: string, events: readonly object[]): boolean[] {
  const script = [
    'import json, sys',
    'from moto.events.models import EventPattern',
    'request = json.load(sys.stdin)',
    'pattern = EventPattern.load(request["pattern"])',
    'print(json.dumps([pattern.matches_event(event) for event in request["events"]]))',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script], {
    input: JSON.stringify({ pattern, events }),
    encoding: 'utf8',
  });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `moto's EventPattern could not run (python3 with the pip package moto is required): ${result.error?.message ?? result.stderr}`,
    );
  }
  return JSON.parse(result.stdout) as boolean[];
}
