/**
 * The ledger digest: a running hash over the store-wide order, so an auditor who wrote down a
 * digest can later prove that the ledger up to it is unchanged and was only appended to since.
 *
 *   H0 = GENESIS_HASH (64 zeros);  Hn = hex(SHA-256(utf8(Hn-1) ‖ utf8(hash of the n-th event in readAll order)))
 *   digest = { count n, position of the n-th event (START when n = 0), hash Hn }
 *   string form: `ledger-digest:v1:<count>:<commit>.<prepare>:<Hn>`
 *
 * Why this proves "only appended to": readAll serves only transactions older than the oldest one
 * still running, so once an event has been counted no event can later appear before it; every new
 * event sorts after the digest's position. Recomputing H over the events at or before that
 * position therefore reproduces Hn exactly when none was deleted, inserted or replaced. The
 * running hash is over the stored event hashes, and each of those commits to the event's content
 * and its stream predecessor, so together with the chain verification (which recomputes every
 * event hash from its content) an unchanged Hn means unchanged events.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { firstRepeatedKey, repeatedKeyMessages, shanghaiTime, zodIssueZh } from '@ledger/domain';
import {
  compareAllPositions,
  GENESIS_HASH,
  RECORDED_AT_TOLERANCE_MS,
  START_POSITION,
  type AllPosition,
  type StoredEvent,
} from '@ledger/event-store';

export const DIGEST_PREFIX = 'ledger-digest';
export const DIGEST_VERSION = 'v1';

export interface LedgerDigest {
  /** How many events of the store-wide order it covers. */
  readonly count: number;
  /** Position of the last covered event (START_POSITION for an empty ledger). */
  readonly position: AllPosition;
  /** The running hash H(count), lowercase hex. */
  readonly hash: string;
}

/** The digest as the CLI and the API print it: its fields and the compact string. */
export interface DigestAnswer extends LedgerDigest {
  readonly digest: string;
}

export const EMPTY_DIGEST: LedgerDigest = Object.freeze({ count: 0, position: START_POSITION, hash: GENESIS_HASH });

/** A text that is no ledger digest: what is wrong, in English and in Chinese (a Problem's detailZh). */
export class DigestFormatError extends Error {
  readonly code = 'INVALID_DIGEST';
  constructor(
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

const HASH_MESSAGE = 'must be 64 lowercase hex digits';

/** One step of the running hash. */
export function digestStep(previous: string, eventHash: string): string {
  return createHash('sha256').update(previous).update(eventHash).digest('hex');
}

/** Folds events, in store-wide order, into the running hash. */
export class DigestAccumulator {
  private count: number;
  private position: AllPosition;
  private hash: string;

  /** Starts from the empty ledger, or resumes from a digest. */
  constructor(from: LedgerDigest = EMPTY_DIGEST) {
    this.count = from.count;
    this.position = from.position;
    this.hash = from.hash;
  }

  add(event: Pick<StoredEvent, 'hash' | 'position'>): void {
    this.hash = digestStep(this.hash, event.hash);
    this.position = event.position;
    this.count++;
  }

  get digest(): LedgerDigest {
    return { count: this.count, position: this.position, hash: this.hash };
  }
}

export function formatDigest(d: LedgerDigest): string {
  return `${DIGEST_PREFIX}:${DIGEST_VERSION}:${d.count}:${d.position.commit}.${d.position.prepare}:${d.hash}`;
}

export function digestAnswer(d: LedgerDigest): DigestAnswer {
  return { count: d.count, position: { commit: d.position.commit, prepare: d.position.prepare }, hash: d.hash, digest: formatDigest(d) };
}

const DIGEST_PATTERN = /^ledger-digest:v1:(\d{1,15}):(\d{1,15})\.(\d{1,15}):([0-9a-f]{64})$/;
const digestJsonSchema = z
  .object({
    count: z.number().int().min(0),
    position: z.object({ commit: z.number().int().min(0), prepare: z.number().int().min(0) }),
    hash: z.string().regex(/^[0-9a-f]{64}$/, HASH_MESSAGE),
    digest: z.string().optional(),
  })
  .loose();

function checked(d: LedgerDigest): LedgerDigest {
  const empty = d.count === 0;
  if (empty !== (d.hash === GENESIS_HASH) || (empty && compareAllPositions(d.position, START_POSITION) !== 0)) {
    throw new DigestFormatError(
      'an empty digest has count 0, position 0.0 and the genesis hash, and only an empty one does',
      '空台账的摘要计数为 0、位置为 0.0、哈希为创世哈希，且只有空台账的摘要如此',
    );
  }
  return d;
}

/**
 * Reads a digest as `digest` prints it: the compact string, or its JSON (`--json`, the API's
 * answer). When the JSON carries both, they must agree.
 */
/**
 * The digest line of `digest`'s human output (a heading, the digest, a hint), saved with
 * `digest > file` or passed as `"$(… digest)"` (found by a review: refused as not a digest); any
 * other text as it is.
 */
function digestLineOf(text: string): string {
  if (text.startsWith('{') || !text.includes('\n')) return text;
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith(`${DIGEST_PREFIX}:`));
  if (lines.length > 1) {
    throw new DigestFormatError(`the text holds ${lines.length} digest lines: keep the one to prove`, `文本中有 ${lines.length} 行台账摘要，请只保留要核对的那一行`);
  }
  return lines.length === 1 ? lines[0]! : text;
}

export function parseDigest(input: string): LedgerDigest {
  const text = digestLineOf(input.trim());
  const m = DIGEST_PATTERN.exec(text);
  if (m) {
    const [count, commit, prepare] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return checked({ count, position: { commit, prepare }, hash: m[4]! });
  }
  if (!text.startsWith('{')) {
    const shape = `${DIGEST_PREFIX}:${DIGEST_VERSION}:<count>:<commit>.<prepare>:<sha256 hex>`;
    throw new DigestFormatError(`not a ledger digest: expected ${shape} or its JSON`, `不是台账摘要：应为 ${shape} 或其 JSON 形式`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DigestFormatError('the digest JSON is not valid JSON', '摘要 JSON 不是有效的 JSON');
  }
  const repeat = firstRepeatedKey(text, json);
  if (repeat) {
    const { message, messageZh } = repeatedKeyMessages(repeat);
    throw new DigestFormatError(`digest JSON: ${message}`, `摘要 JSON：${messageZh}`);
  }
  const parsed = digestJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.') || '(root)';
    throw new DigestFormatError(`digest JSON: ${path}: ${issue.message}`, `摘要 JSON：${path}：${issue.message === HASH_MESSAGE ? '须为 64 位小写十六进制数字' : zodIssueZh(issue)}`);
  }
  const { count, position, hash, digest } = parsed.data;
  const fromFields = checked({ count, position: { commit: position.commit, prepare: position.prepare }, hash });
  if (digest !== undefined && digest !== formatDigest(fromFields)) {
    throw new DigestFormatError('the digest JSON’s `digest` string disagrees with its fields', '摘要 JSON 中的 digest 字符串与其各字段不一致');
  }
  return fromFields;
}

export async function computeDigest(events: AsyncIterable<Pick<StoredEvent, 'hash' | 'position'>>): Promise<LedgerDigest> {
  const acc = new DigestAccumulator();
  for await (const event of events) acc.add(event);
  return acc.digest;
}

export type DigestFailureReason =
  | 'EVENTS_MISSING' // fewer events at or before the digest's position than it counted: rows deleted
  | 'EVENTS_INSERTED' // more events at or before its position than it counted: rows inserted into the past
  | 'HASH_MISMATCH' // as many events, but a different running hash: an event was changed or replaced
  | 'RECORDED_BEFORE_THE_DIGEST'; // an event appended since says it was recorded before events the digest covers: backdated

/** What a failed digest check may also mean, said with it: the digest itself was copied wrongly. */
export const DIGEST_COPIED_WRONG_ZH = '若摘要系抄录或复制所得，请先核对摘要本身是否与保存的原件一致：抄错一个字符也会如此';

/** Why a digest check failed, in Chinese (the CLI's `verify --since-digest` and `digest verify`). */
export const DIGEST_FAILURE_NAMES_ZH: Record<DigestFailureReason, string> = {
  EVENTS_MISSING: '摘要覆盖的事件有缺失（记录被删除）',
  EVENTS_INSERTED: '摘要覆盖的范围内多出事件（有记录被插入过去）',
  HASH_MISMATCH: '事件数相同但累计哈希不符（有事件被改动或替换）',
  RECORDED_BEFORE_THE_DIGEST: '摘要之后追加的事件自称录入于摘要所覆盖的事件之前（录入时间被倒填）',
};


export interface DigestProof {
  readonly ok: boolean;
  /** The digest being proven. */
  readonly digest: DigestAnswer;
  /** The ledger's head digest now. */
  readonly current: DigestAnswer;
  /** Events found now at or before the digest's position. */
  readonly recountedEvents: number;
  /** Events appended after the digest's position. */
  readonly appendedSince: number;
  /**
   * The covered events are there, in the same order, with the same hashes, at other positions: a
   * store copied by `migrate-store` (new transaction ids, or EventStoreDB's log offsets). The proof
   * then holds by the order alone: the running hash over the first `count` events is the digest's.
   */
  readonly positionsRenumbered?: boolean;
  /** `message` in English with its figures; `detailZh` the same in Chinese, for the CLI, the pages and the export. */
  readonly failure?: { readonly reason: DigestFailureReason; readonly message: string; readonly detailZh: string };
}

/**
 * Recomputes the running hash over the events at or before the digest's position (and on to the
 * head, to report what was appended since) and compares it with the digest.
 */
export async function proveSinceDigest(events: AsyncIterable<Pick<StoredEvent, 'hash' | 'position' | 'recordedAt' | 'eventId'>>, digest: LedgerDigest): Promise<DigestProof> {
  const prefix = new DigestAccumulator();
  const whole = new DigestAccumulator();
  // The first `count` events by the order alone: positions are the store's, and a migrated store
  // renumbers them (found by a review: a digest kept before migrate-store "proved" every event deleted).
  let firstCount: LedgerDigest | undefined = digest.count === 0 ? EMPTY_DIGEST : undefined;
  let lastAtOrBefore: AllPosition | undefined;
  let seen = 0;
  /** The newest recordedAt among the first `count` events, and the first later event recorded well before it. */
  let newestCovered = Number.NEGATIVE_INFINITY;
  let backdated: { eventId: string; recordedAt: string } | undefined;
  for await (const event of events) {
    whole.add(event);
    const recorded = Date.parse(event.recordedAt);
    if (++seen <= digest.count) newestCovered = Math.max(newestCovered, recorded);
    else if (!backdated && recorded < newestCovered - RECORDED_AT_TOLERANCE_MS) backdated = { eventId: event.eventId, recordedAt: event.recordedAt };
    if (seen === digest.count) firstCount = whole.digest;
    if (digest.count > 0 && compareAllPositions(event.position, digest.position) <= 0) {
      prefix.add(event);
      lastAtOrBefore = event.position;
    }
  }
  const recounted = prefix.digest;
  const current = whole.digest;
  const base = { digest: digestAnswer(digest), current: digestAnswer(current), recountedEvents: recounted.count, appendedSince: current.count - recounted.count };
  // A digest typed or copied wrongly fails as a changed ledger would: the count, position and hash it
  // states are all the check has. Said beside the verdict (found by a review of the web app: one wrong
  // character read as tampering, and a mistyped count as events "inserted" beside the page's own count).
  const fail = (reason: DigestFailureReason, message: string, detailZh: string): DigestProof => ({
    ok: false,
    ...base,
    failure: { reason, message, detailZh: reason === 'RECORDED_BEFORE_THE_DIGEST' ? detailZh : `${detailZh}。${DIGEST_COPIED_WRONG_ZH}` },
  });
  const at = `${digest.position.commit}.${digest.position.prepare}`;
  const samePositions = recounted.count === digest.count && (digest.count === 0 || (lastAtOrBefore !== undefined && compareAllPositions(lastAtOrBefore, digest.position) === 0));
  const backdatedFailure = (): DigestProof | undefined =>
    backdated &&
    fail(
      'RECORDED_BEFORE_THE_DIGEST',
      `event ${backdated.eventId}, appended after the digest's ${digest.count} events, says it was recorded at ${backdated.recordedAt}, before ${new Date(newestCovered).toISOString()}, when the newest of them was: backdated`,
      `摘要之后追加的事件 ${backdated.eventId} 自称录入于 ${shanghaiTime(backdated.recordedAt)}，早于摘要所覆盖 ${digest.count} 个事件中最新一个的录入时间 ${shanghaiTime(new Date(newestCovered).toISOString())}：录入时间被倒填`,
    );
  if (!samePositions && firstCount !== undefined && firstCount.hash === digest.hash) {
    return backdatedFailure() ?? { ok: true, ...base, recountedEvents: digest.count, appendedSince: current.count - digest.count, positionsRenumbered: true };
  }
  if (recounted.count < digest.count) {
    return fail(
      'EVENTS_MISSING',
      `the digest covers ${digest.count} events up to position ${at}; only ${recounted.count} are there now: ${digest.count - recounted.count} deleted`,
      `摘要覆盖至位置 ${at} 的 ${digest.count} 个事件，现仅余 ${recounted.count} 个：${digest.count - recounted.count} 个被删除`,
    );
  }
  if (recounted.count > digest.count) {
    return fail(
      'EVENTS_INSERTED',
      `the digest covers ${digest.count} events up to position ${at}; ${recounted.count} are there now: ${recounted.count - digest.count} inserted before it`,
      `摘要覆盖至位置 ${at} 的 ${digest.count} 个事件，现有 ${recounted.count} 个：其间被插入 ${recounted.count - digest.count} 个`,
    );
  }
  if (digest.count > 0 && (lastAtOrBefore === undefined || compareAllPositions(lastAtOrBefore, digest.position) !== 0)) {
    return fail('EVENTS_MISSING', `the event at the digest's position ${at} is no longer in the ledger`, `摘要所在位置 ${at} 的事件已不在台账中`);
  }
  if (recounted.hash !== digest.hash) {
    // Whole hashes: a digest edited past the 12th character read as two equal prefixes (found by a review).
    return fail(
      'HASH_MISMATCH',
      `the running hash over the ${digest.count} events up to position ${at} is ${recounted.hash}, the digest says ${digest.hash}: an event was changed or replaced`,
      `至位置 ${at} 的 ${digest.count} 个事件的累积哈希现为 ${recounted.hash}，摘要记为 ${digest.hash}：有事件被改动或替换`,
    );
  }
  return backdatedFailure() ?? { ok: true, ...base };
}
