/**
 * Who uses the embedded server of a data directory, kept in the directory itself so that it
 * survives `kill -9`: `users/<pid>` holds each user's start time; entries of dead processes are
 * pruned whenever the registry is read. The last live user stops the server, whoever started
 * it. Start, adopt and stop decisions are taken under `lifecycle.lock` so that a process
 * registering while another is deciding to stop cannot lose its server.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, realpath, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isRunning, selfIdentity, type ProcessIdentity } from './processes';

const USERS = 'users';
const LOCK = 'lifecycle.lock';
/** Long enough for initdb and a first start on a slow, shared machine. */
const LOCK_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseIdentity(text: string): ProcessIdentity | null {
  const [pid, startTime = ''] = (text.split('\n')[0] ?? '').trim().split(/\s+/);
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, startTime } : null;
}

/**
 * An entry (a user, the lock) names the data directory it was written in, on its second line: one
 * naming another directory came with a copy of this one (a backup unpacked, `cp -a` of a folder in
 * use) and says nothing of who uses this one (found by a backup review: a copy's server kept running
 * after its last command, its registry naming the original's live API). Older entries name none.
 */
const entryText = (self: ProcessIdentity, dir: string) => `${self.pid} ${self.startTime}\n${dir}\n`;

async function directoryOf(dataDir: string): Promise<string> {
  return realpath(dataDir).catch(() => resolve(dataDir));
}

function fromAnotherDirectory(text: string, dir: string): boolean {
  const named = text.split('\n')[1]?.trim();
  return named !== undefined && named !== '' && named !== dir;
}

export async function registerUser(dataDir: string): Promise<void> {
  const self = selfIdentity();
  await mkdir(join(dataDir, USERS), { recursive: true });
  await writeFile(join(dataDir, USERS, String(self.pid)), entryText(self, await directoryOf(dataDir)));
}

export async function unregisterUser(dataDir: string): Promise<void> {
  await unlink(join(dataDir, USERS, String(process.pid))).catch(() => undefined);
}

/** Live users other than this process; removes the entries of processes that are gone. */
export async function otherLiveUsers(dataDir: string): Promise<ProcessIdentity[]> {
  const folder = join(dataDir, USERS);
  const names = await readdir(folder).catch(() => [] as string[]);
  const dir = await directoryOf(dataDir);
  const live: ProcessIdentity[] = [];
  for (const name of names) {
    const file = join(folder, name);
    const text = await readFile(file, 'utf8').catch(() => '');
    const identity = parseIdentity(text);
    if (identity && identity.pid === process.pid && !fromAnotherDirectory(text, dir)) continue;
    if (identity && isRunning(identity) && !fromAnotherDirectory(text, dir)) live.push(identity);
    else await unlink(file).catch(() => undefined);
  }
  return live;
}

/**
 * Takes the data directory's lifecycle lock: a file created whole (written aside, then hard-linked
 * into place, which fails if it exists) naming its holder; a holder that is gone is taken over.
 */
export async function withLifecycleLock<T>(dataDir: string, run: () => Promise<T>): Promise<T> {
  const lock = join(dataDir, LOCK);
  const self = selfIdentity();
  const dir = await directoryOf(dataDir);
  const draft = join(dataDir, `${LOCK}.${process.pid}.${randomBytes(4).toString('hex')}`);
  await writeFile(draft, entryText(self, dir));
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  try {
    for (;;) {
      try {
        await link(draft, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = await readFile(lock, 'utf8').catch(() => '');
      const holder = parseIdentity(held);
      if (holder && (!isRunning(holder) || fromAnotherDirectory(held, dir))) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (held by pid ${holder?.pid ?? '?'})`);
      await sleep(50);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  try {
    return await run();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
