import { readFileSync } from 'node:fs';

/** Whether a process runs: it exists and is no zombie (one killed and not yet reaped by its parent counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}
