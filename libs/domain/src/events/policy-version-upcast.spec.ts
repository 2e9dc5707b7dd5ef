/**
 * TM1 (`TM1.member-under-30`): a policy version stored before `teamAges.minJuniorMembers` existed
 * (PolicyVersionAdopted v1) reads 1, the count the check used then, on every path that reads it:
 * the validated one and the trusted one (the state loader, the import's idempotency check, the
 * projections), which took a payload of the current version as stored (found by an upgrade review:
 * a version stored by an earlier release was re-imported as "another fact", and the compliance
 * table and `GET /v1/policy` held it without the field). The stored payload itself is never changed.
 */
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { EVENT_CATALOGUE } from './catalogue';
import { policyVersionAdoptedV1ToV2, upcast, upcastTrusted } from './upcast';

/** A version as an earlier release stored it: `teamAges` without `minJuniorMembers`. */
function storedBeforeTheSetting(): Record<string, unknown> {
  const { minJuniorMembers: _, ...teamAges } = DEFAULT_POLICY.settings.teamAges;
  return { version: '2026.1', effectiveFrom: '2026-01-01', settings: { ...structuredClone(DEFAULT_POLICY.settings), teamAges } };
}

const teamAgesOf = (data: unknown) => (data as { settings: { teamAges: Record<string, unknown> } }).settings.teamAges;

describe('PolicyVersionAdopted v1 → v2: teamAges.minJuniorMembers (TM1.member-under-30)', () => {
  it('is at schema version 2: a version this release writes is stored as v2', () => {
    expect(EVENT_CATALOGUE.PolicyVersionAdopted.schemaVersion).toBe(2);
  });

  it('a v1 version without the setting reads 1, on the validated and on the trusted path alike', () => {
    const stored = storedBeforeTheSetting();
    expect(teamAgesOf(upcast('PolicyVersionAdopted', 1, stored))).toEqual({ memberMinTownshipWorkYears: 2, youngAgeBelow: 35, juniorAgeBelow: 30, minJuniorMembers: 1 });
    expect(upcastTrusted('PolicyVersionAdopted', 1, stored)).toEqual(upcast('PolicyVersionAdopted', 1, stored));
  });

  it('reads the v1 version as a new command of the same body is parsed: a re-sent version is the same fact', () => {
    const stored = storedBeforeTheSetting();
    expect(upcastTrusted('PolicyVersionAdopted', 1, stored)).toEqual(EVENT_CATALOGUE.PolicyVersionAdopted.schema.parse(stored));
  });

  it('leaves the stored payload as it is (the hash is over what is stored)', () => {
    const stored = storedBeforeTheSetting();
    const before = JSON.stringify(stored);
    policyVersionAdoptedV1ToV2(stored);
    upcastTrusted('PolicyVersionAdopted', 1, stored);
    expect(JSON.stringify(stored)).toBe(before);
  });

  it('a v1 version that has the setting (stored between its commit and v2) keeps its own count', () => {
    const stored = storedBeforeTheSetting();
    teamAgesOf(stored).minJuniorMembers = 2;
    expect(teamAgesOf(upcastTrusted('PolicyVersionAdopted', 1, stored)).minJuniorMembers).toBe(2);
  });

  it('a v1 version without the ten measures’ settings takes their defaults, 1 among them', () => {
    const { teamAges: _, promotionOrientation: __, assessment: ___, care: ____, ...settings } = DEFAULT_POLICY.settings;
    const stored = { version: 'old', effectiveFrom: '2020-01-01', settings };
    expect(upcastTrusted('PolicyVersionAdopted', 1, stored).settings).toEqual(DEFAULT_POLICY.settings);
  });

  it('a v2 version is taken as stored on the trusted path, and a payload the upcaster cannot read is left to the schema', () => {
    const current = { ...DEFAULT_POLICY, settings: { ...DEFAULT_POLICY.settings, teamAges: { ...DEFAULT_POLICY.settings.teamAges, minJuniorMembers: 3 } } };
    expect(upcastTrusted('PolicyVersionAdopted', 2, current)).toBe(current);
    expect(policyVersionAdoptedV1ToV2({ version: 'x', settings: 'none' })).toEqual({ version: 'x', settings: 'none' });
    expect(() => upcast('PolicyVersionAdopted', 1, { version: 'x', effectiveFrom: '2020-01-01', settings: 'none' })).toThrow();
  });
});
