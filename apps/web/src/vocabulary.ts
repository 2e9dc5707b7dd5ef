/**
 * The Chinese names the web app shows: the same tables the CLI and the audit export use, imported
 * from the domain's and the audit library's own (pure) sources through aliases, never copied.
 */
export {
  CHECK_NAMES_ZH,
  MEASURE_RULE_NAMES_ZH,
  REPORT_TITLES_ZH,
  FINDING_KIND_NAMES_ZH,
  ERROR_TITLES_ZH,
  GRADE_NAMES_ZH,
  RANK_NAMES_ZH,
  RANKS,
  ROLE_NAMES_ZH,
  ROLES as POST_ROLES,
  SANCTION_KIND_NAMES_ZH,
  EVENT_CATALOGUE,
  errorTitleZh,
  lengthZh,
} from '@ledger/domain';
export {
  ACTOR_ROLE_NAMES_ZH,
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPROVAL_LEVEL_NAMES_ZH,
  AWARD_NAMES_ZH,
  EDUCATION_NAMES_ZH,
  EVENT_TYPE_NAMES_ZH,
  LEVEL_NAMES_ZH,
  ORG_UNIT_KIND_NAMES_ZH,
  REMOVAL_REASON_NAMES_ZH,
  REPRESENTATIVE_BODY_NAMES_ZH,
  TALK_KIND_NAMES_ZH,
  TEMPORARY_POSTING_KIND_NAMES_ZH,
} from '@ledger/audit/names-zh';

