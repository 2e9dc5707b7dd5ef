import { COMMAND_TYPES } from '@ledger/domain';
import { CAPABILITIES, ROLES } from './roles';
import { capabilityOfCategory, EVENT_CAPABILITIES, eventTypeRefusal, IMPORTING_ROLES } from './event-capabilities';

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
