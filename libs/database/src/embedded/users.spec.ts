import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf } from './processes';
import { otherLiveUsers, registerUser, withLifecycleLock } from './users';

/**
 * The registry of a data directory copied with it (a backup unpacked, `cp -a` of a folder in use):
 * found by a backup review, the copy's server kept running after its last command, because the
 * copied registry named the original's API, alive and using the original.
 */
describe('the embedded server registry of a copied data directory', () => {
  let root: string;
  let other: ChildProcess;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ledger-users-'));
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await new Promise((resolve) => other.once('spawn', resolve));
  });
  afterAll(() => {
    other.kill();
    rmSync(root, { recursive: true, force: true });
  });

  const liveUserOf = (dir: string, named: string | undefined) => {
    const identity = identityOf(other.pid!)!;
    writeFileSync(join(dir, 'users', String(identity.pid)), `${identity.pid} ${identity.startTime}\n${named === undefined ? '' : `${named}\n`}`);
    return identity;
  };

  it('given a live process registered in the original, when the copy is asked who uses it, then nobody does and the entry is removed', async () => {
    const original = join(root, 'original');
    await registerUser(original);
    const identity = liveUserOf(original, original);
    expect(await otherLiveUsers(original)).toEqual([identity]);

    const copy = join(root, 'copy');
    cpSync(original, copy, { recursive: true });
    expect(await otherLiveUsers(copy)).toEqual([]);
    expect(readdirSync(join(copy, 'users'))).toEqual([]);
    expect(await otherLiveUsers(original)).toEqual([identity]);
  });

  it('an entry of an earlier release (no directory named) still counts while its process lives', async () => {
    const dir = join(root, 'earlier');
    await registerUser(dir);
    const identity = liveUserOf(dir, undefined);
    expect(await otherLiveUsers(dir)).toEqual([identity]);
  });

  it('a lifecycle lock copied from another directory, its holder alive, is taken over at once', async () => {
    const dir = join(root, 'locked');
    await registerUser(dir);
    const identity = identityOf(other.pid!)!;
    writeFileSync(join(dir, 'lifecycle.lock'), `${identity.pid} ${identity.startTime}\n${join(root, 'original')}\n`);
    const started = Date.now();
    expect(await withLifecycleLock(dir, async () => 'taken')).toBe('taken');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
