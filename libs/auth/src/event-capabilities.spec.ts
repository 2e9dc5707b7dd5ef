import { COMMAND_TYPES } from '@ledger/domain';
import { CAPABILITIES, CAPABILITY_NAMES_ZH, ROLES, roleZh, routeRefusalZh, type Capability } from './roles';
import { capabilityOfCategory, EVENT_CAPABILITIES, eventTypeRefusal, IMPORTING_ROLES, remedyRetractionRefusal } from './event-capabilities';

describe('EVENT_CAPABILITIES', () => {
  it('names a capability for every public event type', () => {
    expect(Object.keys(EVENT_CAPABILITIES).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it('importEvents is held by exactly the roles that may write some event type', () => {
    expect([...CAPABILITIES.importEvents].sort()).toEqual([...IMPORTING_ROLES].sort());
  });

  it('gives each write route one capability per stream category', () => {
    expect(capabilityOfCategory('cadre')).toBe('recordCareerEvents');
    expect(capabilityOfCategory('orgunit')).toBe('recordCareerEvents');
    expect(capabilityOfCategory('appeal')).toBe('recordAppealEvents');
    expect(capabilityOfCategory('policy')).toBe('adoptPolicy');
  });

  it('refuses a type whose capability the role lacks, naming the capability', () => {
    expect(eventTypeRefusal('CLERK', 'AppealDecided')).toMatchObject({ code: 'FORBIDDEN_EVENT_TYPE', capability: 'recordAppealEvents', allowedRoles: ['APPEALS_OFFICER', 'ADMIN'] });
    expect(eventTypeRefusal('CLERK', 'PolicyVersionAdopted')).toMatchObject({ capability: 'adoptPolicy' });
    expect(eventTypeRefusal('APPEALS_OFFICER', 'AppealFiled')).toBeUndefined();
    expect(eventTypeRefusal('CLERK', 'NoSuchType')).toBeUndefined();
    for (const role of ROLES) for (const type of COMMAND_TYPES) expect(eventTypeRefusal(role, type) === undefined).toBe((CAPABILITIES[EVENT_CAPABILITIES[type]] as readonly string[]).includes(role));
  });
});

describe('the refusals in Chinese, with the same role, capability and event type', () => {
  it('names the event type a role may not write, by its Chinese name and its code', () => {
    expect(eventTypeRefusal('CLERK', 'PolicyVersionAdopted')?.messageZh).toBe('角色“录入员”（CLERK）无权录入“采用政策版本”（PolicyVersionAdopted）这类事项：需要权限 adoptPolicy');
  });

  it('names what a route’s capability lets one do, and who holds it', () => {
    expect(routeRefusalZh('ORG_DEPT', 'recordCareerEvents')).toBe('角色“组织部”（ORG_DEPT）无权录入干部和单位的履历事项：需要权限 recordCareerEvents，该权限由录入员（CLERK）、管理员（ADMIN）持有');
    expect(routeRefusalZh('CLERK', undefined)).toBe('角色“录入员”（CLERK）无权调用此接口');
  });

  it('has a Chinese name for every capability and every role', () => {
    for (const capability of Object.keys(CAPABILITIES) as Capability[]) expect(CAPABILITY_NAMES_ZH[capability]).toMatch(/\p{Script=Han}/u);
    for (const role of ROLES) expect(roleZh(role)).toMatch(/^“\p{Script=Han}+”（[A-Z_]+）$/u);
  });
});

describe('a retraction of an upheld appeal’s remedy needs recordAppealEvents (found by a review)', () => {
  const remedy = { eventId: 'ad:rescind', causationId: 'ad' };
  it.each(ROLES)('%s: refused exactly when the role may not write appeal decisions', (role) => {
    const refusal = remedyRetractionRefusal(role, remedy);
    expect(refusal === undefined).toBe((CAPABILITIES.recordAppealEvents as readonly string[]).includes(role));
    if (refusal) expect(refusal).toMatchObject({ code: 'FORBIDDEN_EVENT_TYPE', type: 'EntryRetracted', capability: 'recordAppealEvents', allowedRoles: CAPABILITIES.recordAppealEvents });
  });
  it('an event no decision wrote, or none at all, is the domain’s business', () => {
    expect(remedyRetractionRefusal('CLERK', { eventId: 'g1', causationId: null })).toBeUndefined();
    expect(remedyRetractionRefusal('CLERK', undefined)).toBeUndefined();
  });
});
