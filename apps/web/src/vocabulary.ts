/**
 * The Chinese names the web app shows: the domain's one vocabulary table (libs/domain/src/vocabulary-zh.ts),
 * the same the CLI and the audit export use, imported from the domain's pure sources through an alias, never copied.
 */
export {
  ACTOR_ROLE_NAMES_ZH,
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPROVAL_LEVEL_NAMES_ZH,
  AWARD_NAMES_ZH,
  CHECK_NAMES_ZH,
  EVENT_TYPE_NAMES_ZH,
  FINDING_KIND_NAMES_ZH,
  ERROR_TITLES_ZH,
  GRADE_NAMES_ZH,
  LEVEL_NAMES_ZH,
  ORG_UNIT_KIND_NAMES_ZH,
  RANK_NAMES_ZH,
  RANKS,
  REMOVAL_REASON_NAMES_ZH,
  ROLE_NAMES_ZH,
  ROLES as POST_ROLES,
  SANCTION_KIND_NAMES_ZH,
  TALK_KIND_NAMES_ZH,
  EVENT_CATALOGUE,
  errorTitleZh,
  lengthZh,
} from '@ledger/domain';
