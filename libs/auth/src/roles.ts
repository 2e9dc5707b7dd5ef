/**
 * Who may do what. One table, read by the API's guard and printed in the README.
 * CLERK 录入员 records career events; ORG_DEPT 组织部 reads and queries eligibility; AUDITOR 审计
 * reads everything, history and verification; APPEALS_OFFICER 申诉办理 records appeal events;
 * ADMIN 管理员 manages tokens and policy and may do everything. Which event types each may write:
 * EVENT_CAPABILITIES (event-capabilities.ts).
 */
import { ACTOR_ROLE_NAMES_ZH } from '@ledger/domain';

export const ROLES = ['CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = {
  /** Career events of cadres and org units. */
  recordCareerEvents: ['CLERK', 'ADMIN'],
  /**
   * Sending an import file; each line then needs its event type's capability (EVENT_CAPABILITIES):
   * the roles that may write at least one event type (a spec keeps the two in step).
   */
  importEvents: ['CLERK', 'APPEALS_OFFICER', 'ADMIN'],
  /** AppealFiled, AppealDecided and the remedies of an upheld appeal. */
  recordAppealEvents: ['APPEALS_OFFICER', 'ADMIN'],
  adoptPolicy: ['ADMIN'],
  readPolicy: ['CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN'],
  /** Tenure, eligibility, candidate lists. */
  queryDecisions: ['ORG_DEPT', 'AUDITOR', 'ADMIN'],
  /** A cadre's event history and appeals. */
  readHistory: ['ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN'],
  verifyLedger: ['AUDITOR', 'ADMIN'],
  exportAuditTrail: ['AUDITOR', 'ADMIN'],
  readFindings: ['ORG_DEPT', 'AUDITOR', 'ADMIN'],
  /** The store head, projection checkpoints and lag (GET /v1/status); /health tells anyone only live/ready. */
  readStatus: ['AUDITOR', 'ADMIN'],
  /** The ten measures' reports (TM1–TM8). */
  readReports: ['ORG_DEPT', 'AUDITOR', 'ADMIN'],
  /**
   * The org-unit directory (单位名录: ids, names, kinds; no one's record): every role, so a clerk
   * recording an appointment picks 福店镇 rather than typing T0001 blind.
   */
  readOrgUnits: ['CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function may(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** What each capability lets a role do, as a refusal says it in Chinese ("无权…"). Keyed by Capability: a new one does not compile without it. */
export const CAPABILITY_NAMES_ZH: Record<Capability, string> = {
  recordCareerEvents: '录入干部和单位的履历事项',
  importEvents: '导入履历事项文件',
  recordAppealEvents: '录入复核或申诉事项',
  adoptPolicy: '采用新的政策版本',
  readPolicy: '查看政策版本',
  queryDecisions: '查询任职年限、晋升职级资格和推荐人选',
  readHistory: '查看干部履历和复核或申诉',
  verifyLedger: '校验台账',
  exportAuditTrail: '导出审计记录',
  readFindings: '查看合规提示',
  readStatus: '查看台账运行状态',
  readReports: '查看各项措施报表',
  readOrgUnits: '查看单位名录',
};

/** A role as a refusal names it: its Chinese name with the code, e.g. “录入员”（CLERK）. */
export function roleZh(role: string): string {
  return `“${ACTOR_ROLE_NAMES_ZH[role] ?? role}”（${role}）`;
}

/**
 * `role ORG_DEPT may not recordCareerEvents` in Chinese: the role, what the capability lets one do
 * and who holds it, with the same codes (a route without a capability: "may not call this route").
 */
export function routeRefusalZh(role: Role, capability: Capability | undefined): string {
  if (!capability) return `角色${roleZh(role)}无权调用此接口`;
  const holders = CAPABILITIES[capability].map((r) => `${ACTOR_ROLE_NAMES_ZH[r] ?? r}（${r}）`).join('、');
  return `角色${roleZh(role)}无权${CAPABILITY_NAMES_ZH[capability]}：需要权限 ${capability}，该权限由${holders}持有`;
}
