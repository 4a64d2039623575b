import { DAY_MS, HOUR_MS } from './constants';

const DURATION = /^(\d{1,4})(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS } as const;

/**
 * Parses a look-back like `7d`, `12h`, `30m` or `2w` to milliseconds; undefined when malformed.
 *
 * @example parseDuration('7d') // 604800000
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
