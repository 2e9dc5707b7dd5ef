/**
 * Durations as people write them for token lifetimes: `90d`, `12h`, `30m` (one number, one unit).
 * A bare number or a mixed form like `1d12h` is refused rather than guessed at.
 */
import { z } from 'zod';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
/** Ten years: a longer lifetime is a token that never expires in all but name. */
export const MAX_DURATION_MS = 3650 * UNIT_MS.d;

export const durationSchema = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]{0,6}[dhm]$/, 'a duration like 90d, 12h or 30m')
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms <= MAX_DURATION_MS, 'at most 3650d');

/** Milliseconds of a duration such as `90d`; throws with the accepted forms otherwise. */
export function parseDuration(text: string): number {
  const parsed = durationSchema.safeParse(text);
  if (!parsed.success) throw new Error(`invalid duration "${text.slice(0, 20)}": ${parsed.error.issues[0]?.message ?? 'a duration like 90d'}`);
  return parsed.data;
}

/** Lifetime of a new API token unless TOKEN_DEFAULT_TTL or --expires-in says otherwise. */
export const DEFAULT_TOKEN_TTL = '90d';
