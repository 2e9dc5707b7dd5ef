/**
 * The record form's draft: the form as it stands while it is filled in and not yet recorded, kept in this tab's
 * sessionStorage and put back when the record page is next opened by the same person (a menu link, the browser's
 * Back, a reload, or signing in again after the token was refused). Kept as the user types: it was kept only when the
 * session ended on a refused token, and an entry half typed was lost without a word on leaving the page (found by a
 * web review). Discarded once the entry is recorded, or when the user discards it. Only what the form holds, the
 * entry's event id (sent again, the same id is not recorded twice), the link the form was opened from, if any, and
 * who wrote it (the tokenId, name and role /v1/me gave), never the token.
 *
 * Who wrote it: another user signing in on the same tab was given the first one's half-filled entry as their own
 * (found by a review). A draft is put back for the token it was written under, or for a token issued to the same
 * name and role (a token expired or revoked is replaced by a new one, with a new tokenId); anyone else's is discarded unseen.
 *
 * Its shape is checked when read: a draft of another shape (kept by an earlier version of the page) broke the record
 * page and, left stored, broke it again on every visit (found by a review). One that does not fit is discarded.
 */
import { z } from 'zod';
import { isRealDate } from './view';

const RECORD_DRAFT_KEY = 'ledger.draft.record';

/** Who a draft is of: what /v1/me says the session is. */
export interface DraftAuthor {
  tokenId: string;
  name: string;
  role: string;
}

const DraftSchema = z.object({
  by: z.object({ tokenId: z.string().min(1), name: z.string().min(1), role: z.string().min(1) }),
  type: z.string().min(1),
  eventId: z.string().min(1),
  /** The form's values other than dates: text, numbers, choices and ticks only. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** The date fields, as YYYY-MM-DD (a Dayjs does not survive JSON). */
  dates: z.record(z.string(), z.string().refine((d) => isRealDate(d, false))),
  /**
   * The query of the link the form was opened from (/record?type=…&…), when it was opened from one: the page opened
   * by that same link again (Back) is this draft's form; opened by another link, the link's values win and this
   * draft stays kept.
   */
  link: z.string().optional(),
});

export type RecordDraft = z.infer<typeof DraftSchema>;

/**
 * The same token, or a token of the same holder name and role (a token expired or revoked is replaced
 * by a new one): names are not unique, and a holder of the same name in another role is taken for
 * another person (found by a review: an ADMIN 王芳 was given a CLERK 王芳's entry).
 */
const sameAuthor = (a: DraftAuthor, b: DraftAuthor) => a.tokenId === b.tokenId || (a.name === b.name && a.role === b.role);

/** Kept for `draft.by` to find again, in place of any draft kept before. A storage that refuses (full, disabled) keeps nothing. */
export function keepRecordDraft(draft: RecordDraft): void {
  try {
    sessionStorage.setItem(RECORD_DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Nothing kept: the form is lost as it was before drafts were kept.
  }
}

export function discardRecordDraft(): void {
  try {
    sessionStorage.removeItem(RECORD_DRAFT_KEY);
  } catch {
    // Nothing to discard.
  }
}

/**
 * The draft kept, if it fits the draft's shape, `fits` (a form the role may record) and was written by `me`; any
 * other draft is discarded. Never throws.
 */
export function readRecordDraft(me: DraftAuthor, fits: (draft: RecordDraft) => boolean): RecordDraft | undefined {
  let text: string | null;
  try {
    text = sessionStorage.getItem(RECORD_DRAFT_KEY);
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = DraftSchema.safeParse(parsed);
  if (checked.success && sameAuthor(checked.data.by, me) && fits(checked.data)) return checked.data;
  discardRecordDraft();
  return undefined;
}

/** On signing in: a draft another user left in this tab is discarded before anything of theirs is shown. */
export function discardRecordDraftNotBy(me: DraftAuthor): void {
  readRecordDraft(me, () => true);
}
