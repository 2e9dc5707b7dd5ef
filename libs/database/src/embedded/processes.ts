/**
 * Which process a pid really is. A pid alone is not an identity: pids are reused, so a registry
 * entry or a lock names its process by pid and start time (field 22 of /proc/PID/stat), and a
 * `postmaster.pid` is believed only when /proc shows a PostgreSQL postmaster for that very data
 * directory. Without /proc (macOS) liveness falls back to `kill(pid, 0)` and the postmaster
 * check answers "unknown", leaving the caller to decide by whether the server answers.
 */
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';

export interface ProcessIdentity {
  readonly pid: number;
  /** Start time in clock ticks since boot; '' where /proc is unavailable. */
  readonly startTime: string;
}

const HAS_PROC = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

/** Process state and start time from /proc/PID/stat, or null when there is no such process. */
function procStat(pid: number): { state: string; startTime: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}

export function identityOf(pid: number): ProcessIdentity | null {
  if (!HAS_PROC) return isAlive(pid) ? { pid, startTime: '' } : null;
  const stat = procStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? { pid, startTime: stat.startTime } : null;
}

export const selfIdentity = (): ProcessIdentity => identityOf(process.pid) ?? { pid: process.pid, startTime: '' };

/** Alive and (when a start time is known) the same process, not a later one with its pid; zombies count as dead. */
export function isRunning(identity: ProcessIdentity): boolean {
  if (!Number.isInteger(identity.pid) || identity.pid <= 0) return false;
  const now = identityOf(identity.pid);
  return now !== null && (identity.startTime === '' || now.startTime === '' || now.startTime === identity.startTime);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const canonical = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/**
 * Whether `pid` is a PostgreSQL postmaster serving `clusterDir`: its program is `postgres` and
 * its `-D` argument (or, failing that, its working directory: the postmaster chdirs into its data
 * directory) is that folder. `undefined` when this cannot be known here (no /proc, no permission).
 */
export function isPostmasterFor(pid: number, clusterDir: string): boolean | undefined {
  if (!HAS_PROC) return undefined;
  if (!identityOf(pid)) return false;
  const wanted = canonical(clusterDir);
  let args: string[] | undefined;
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    args = undefined;
  }
  if (args?.[0]) {
    const program = basename(args[0]);
    if (program !== 'postgres' && program !== 'postmaster') return false;
    const d = args.indexOf('-D');
    if (d >= 0 && args[d + 1]) return canonical(args[d + 1]!) === wanted;
  }
  try {
    return canonical(readlinkSync(`/proc/${pid}/cwd`)) === wanted;
  } catch {
    return undefined;
  }
}

