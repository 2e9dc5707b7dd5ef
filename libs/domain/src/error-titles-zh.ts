/**
 * A short Chinese title for every error code, for the people who read rejection reports and CLI
 * tables (组织部、审计、申诉办理人员). The English message keeps the precise detail.
 */
import type { DomainErrorCode } from './errors';

export const ERROR_TITLES_ZH: Record<DomainErrorCode | 'MALFORMED_JSON' | 'EVENT_ID_CONFLICT' | 'STREAM_VERSION_CONFLICT' | 'INVALID_EVENT', string> = {
  RULE_I_SCHEMA: '字段格式不符',
  RULE_I_NOT_A_COMMAND: '不是可录入的事项类型',
  RULE_I_TARGET_MISMATCH: '编号与对象不一致',
  RULE_I_DUPLICATE_EVENT_ID: '事件编号重复',
  RULE_I_ALREADY_REGISTERED: '干部已登记，不能重复登记',
  RULE_I_CADRE_NOT_REGISTERED: '干部尚未登记',
  RULE_I_ORG_UNIT_NOT_REGISTERED: '单位尚未登记',
  RULE_I_NOT_A_TOWNSHIP: '该单位不是乡镇',
  RULE_I_BEFORE_BIRTH: '日期早于出生日期',
  RULE_I_POST_ALREADY_HELD: '已担任该职务',
  RULE_I_REMOVAL_OF_POST_NOT_HELD: '免去的职务并未担任',
  RULE_I_TRANSFER_FROM_POST_NOT_HELD: '交流前的职务并未担任',
  RULE_I_TRANSFER_TO_SAME_POST: '交流前后是同一职务',
  RULE_I_SECONDMENT_ALREADY_RUNNING: '借调尚未结束',
  RULE_I_SECONDMENT_NOT_RUNNING: '没有进行中的借调',
  RULE_I_TEMPORARY_POSTING_ALREADY_RUNNING: '挂职尚未结束',
  RULE_I_TEMPORARY_POSTING_NOT_RUNNING: '没有进行中的挂职',
  RULE_I_PROMOTION_NOT_UPWARD: '晋升后的职级不高于原职级',
  RULE_I_PROMOTION_FROM_RANK_NOT_HELD: '原职级与现任职级不符',
  RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED: '该年度考核已录入',
  RULE_I_DUPLICATE_SANCTION_ID: '处分编号重复',
  RULE_I_RESCISSION_OF_UNKNOWN_SANCTION: '撤销的处分不存在',
  RULE_I_SANCTION_ALREADY_RESCINDED: '处分已撤销',
  RULE_I_RETRACTION_TARGET_NOT_FOUND: '要更正的记录不存在',
  RULE_I_ALREADY_RETRACTED: '该记录已被更正',
  RULE_I_RETRACTION_OF_RETRACTION: '不能撤回更正记录本身',
  RULE_I_RETRACTION_BREAKS_HISTORY: '撤回后履历将前后矛盾',
  RULE_I_EVENT_BREAKS_HISTORY: '录入后履历将前后矛盾',
  RULE_I_APPEAL_TARGET_NOT_FOUND: '申诉针对的记录不存在',
  RULE_I_APPEAL_TARGET_NOT_APPEALABLE: '该记录不可申诉（仅处分和年度考核）',
  RULE_I_APPEAL_ALREADY_FILED: '申诉已提出',
  RULE_I_APPEAL_NOT_FILED: '申诉尚未提出',
  RULE_I_APPEAL_ALREADY_DECIDED: '申诉已作出决定',
  RULE_I_APPEAL_DECIDED_BEFORE_FILED: '决定日期早于申诉日期',
  RULE_I_POLICY_VERSION_EXISTS: '政策版本号已存在',
  RULE_N5_REMEDY_WITHOUT_UPHOLDING: '申诉被驳回，不能附带纠正措施',
  RULE_N5_REMEDY_DOES_NOT_FIT_TARGET: '纠正措施与申诉对象不符',
  RULE_N5_REMEDY_HEAVIER: '申诉不得加重原决定',
  RULE_P2_POST_OCCUPIED: '该职务已有人担任（党委书记、乡镇长只设一人）',
  RULE_P2_RETRACTION_CREATES_OVERLAP: '撤回后将出现同一职务两人同时担任',
  RULE_TM4_APPROVAL_REQUIRED: '任现职不满3年调整需市委组织部审批',
  RULE_TM4_SECONDMENT_PURPOSE: '县级部门借调乡镇领导干部仅限县委县政府中心工作',
  RULE_TM4_SECONDMENT_APPROVAL_REQUIRED: '借调乡镇领导干部需报县委审批',
  RULE_N1_SKIPS_RANKS: '职级晋升不得越级',
  RULE_N1_ABOVE_COUNTY_CEILING: '县乡干部职级最高为二级调研员',
  RULE_N2_MINIMUM_YEARS: '任下一级职级年限不足',
  RULE_N2_INCOMPETENT_YEAR: '晋升年限内有不称职年度',
  RULE_N2_SANCTION_EFFECT_PERIOD: '处分影响期内不得晋升职级',
  MALFORMED_JSON: '不是有效的 JSON',
  EVENT_ID_CONFLICT: '编号已用于另一条记录',
  STREAM_VERSION_CONFLICT: '记录已被他人修改，请刷新后重试',
  INVALID_EVENT: '内容无法保存',
};

export function errorTitleZh(code: string): string | undefined {
  return (ERROR_TITLES_ZH as Record<string, string>)[code];
}
