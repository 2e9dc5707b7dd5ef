/**
 * What a refusal's Chinese detail (`messageZh`) must be for the organization department's staff:
 * Chinese, with the ids, dates and values of the English message, and no English left in it — no
 * English word of the messages, no enum value where the vocabulary has a Chinese name.
 */
import type { DomainError } from '../errors';
import {
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPROVAL_LEVEL_NAMES_ZH,
  EVENT_TYPE_NAMES_ZH,
  GRADE_NAMES_ZH,
  LEVEL_NAMES_ZH,
  ORG_UNIT_KIND_NAMES_ZH,
  PROMOTION_BASIS_NAMES_ZH,
  QUOTA_NAMES_ZH,
  RANK_NAMES_ZH,
  REMOVAL_REASON_NAMES_ZH,
  REPRESENTATIVE_BODY_NAMES_ZH,
  RESCISSION_REASON_NAMES_ZH,
  ROLE_NAMES_ZH,
  SANCTION_KIND_NAMES_ZH,
  SECONDMENT_PURPOSE_NAMES_ZH,
  TEMPORARY_POSTING_KIND_NAMES_ZH,
} from '../vocabulary-zh';

/** Values the vocabulary names in Chinese: a Chinese detail uses the name, never the value. */
export const ENUM_VALUES: ReadonlySet<string> = new Set(
  [
    APPEAL_OUTCOME_NAMES_ZH,
    APPEAL_STAGE_NAMES_ZH,
    APPROVAL_LEVEL_NAMES_ZH,
    EVENT_TYPE_NAMES_ZH,
    GRADE_NAMES_ZH,
    LEVEL_NAMES_ZH,
    ORG_UNIT_KIND_NAMES_ZH,
    PROMOTION_BASIS_NAMES_ZH,
    QUOTA_NAMES_ZH,
    RANK_NAMES_ZH,
    REMOVAL_REASON_NAMES_ZH,
    REPRESENTATIVE_BODY_NAMES_ZH,
    RESCISSION_REASON_NAMES_ZH,
    ROLE_NAMES_ZH,
    SANCTION_KIND_NAMES_ZH,
    SECONDMENT_PURPOSE_NAMES_ZH,
    TEMPORARY_POSTING_KIND_NAMES_ZH,
  ].flatMap((table) => Object.keys(table)),
);

/** The words the English messages are written with (their templates, less the values they quote). */
const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  (
    'about above address addressed adopted after against already an and appeal appealed appointment approval are assessment ' +
    'assessments at basis be been before begun blocks body built by cadre can cannot carries category chief closed coherent command ' +
    'committee correct correcting correction corrects counted county date dated days decided decision defaults deputy dismissed do ' +
    'does during earned effect end entry event events favourable field fields filed first for from full grade graded had has head ' +
    'heavier held hold holding holds in incumbent integrity is it its itself kind later leader leading learned learning ledger level ' +
    'longer lower lowering made make may months more most moving must names naming needs never next no none nor not of on one only or ' +
    'org outcome outside party period policy pooled post posting promote promotion quota rank rated rater reached reason recommend record ' +
    'recorded records registered registration remedied rescind rescinded rescinding rescinds rescission result retract retracted ' +
    'retraction rise role rules run running runs same sanction sanctions score seat seconded seconding secondment secretary section since ' +
    'skips stands started stay still stream take taken taking talk temporary tenure than that the themself then they this to took township ' +
    'transfer type undefined unit unknown until up upheld upward version voided was what when where while with without would written year ' +
    'years invalid expected received'
  ).split(' '),
);

/** Refusals of the input's own spelling: the values a field takes (`type`, `data.role`) are quoted as typed. */
const SPELLING_CODES: ReadonlySet<string> = new Set(['RULE_I_SCHEMA', 'RULE_I_NOT_A_COMMAND']);

/** The problems of `error.messageZh`, none when it reads as Chinese with only ids and values left in Latin letters. */
export function chineseDetailProblems(error: DomainError): string[] {
  const text = error.messageZh;
  const problems: string[] = [];
  if (typeof text !== 'string' || !/\p{Script=Han}/u.test(text)) return [`${error.code}: no Chinese in ${JSON.stringify(text)}`];
  // A dotted path (data.year, remedy.kind, RULES.md) or a hyphenated id (a-in) is one token.
  // The choices a refusal of spelling lists after 可选： are the codes to type (the English cuts its list short).
  const choices = SPELLING_CODES.has(error.code) && text.includes('可选：') ? new Set(text.slice(text.indexOf('可选：')).split(/[：、]/)) : new Set<string>();
  for (const token of text.match(/[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/g) ?? []) {
    if (ENUM_VALUES.has(token) && SPELLING_CODES.has(error.code) && (error.message.includes(token) || choices.has(token))) continue;
    if (ENUM_VALUES.has(token)) {
      problems.push(`${error.code}: the enum value ${token} in ${JSON.stringify(text)}`);
    } else if (ENGLISH_WORDS.has(token.toLowerCase())) {
      problems.push(`${error.code}: the English word ${token} in ${JSON.stringify(text)}`);
    }
  }
  return problems;
}

/** Throws with every problem of `error.messageZh` (for the specs: a refusal reads in Chinese). */
export function assertChineseDetail(error: DomainError): void {
  const problems = chineseDetailProblems(error);
  if (problems.length > 0) throw new Error(`the Chinese detail of a refusal is not Chinese enough:\n${problems.join('\n')}`);
}
