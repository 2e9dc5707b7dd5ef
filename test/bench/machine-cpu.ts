/**
 * The machine's CPU from /proc, with nothing else loaded: the bench's workers read it around what
 * they measure, and their peak RSS is part of the figures.
 */
import { readFileSync } from 'node:fs';

/** The kernel's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
export const CLOCK_TICKS = 100;

/** CPU seconds the whole machine has been busy since boot (every core; idle and I/O wait left out), from /proc/stat. */
export function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - f[3]! - f[4]!) / CLOCK_TICKS;
}
