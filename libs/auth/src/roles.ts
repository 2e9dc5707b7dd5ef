/**
 * Who may do what. One table, read by the API's guard and printed in the README.
 * CLERK 录入员 records career events; ORG_DEPT 组织部 reads and queries eligibility; AUDITOR 审计
 * reads everything, history and verification; APPEALS_OFFICER 申诉办理 records appeal events;
 * ADMIN 管理员 manages tokens and policy and may do everything. Which event types each may write:
 * EVENT_CAPABILITIES (event-capabilities.ts).
 */
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
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function may(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
