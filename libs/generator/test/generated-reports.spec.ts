/**
 * The generated county exercises every report of the ten measures (issue 13): teams below a TM1
 * threshold, missing trainings, talks and health checks, the lowest townships with and without a
 * reminder talk, recommendations with and without an outcome, secretaries with and without a
 * county seat, department ratings, focus-ledger entries. Timings of the pure reports are logged.
 */
import {
  calendarDate,
  departmentRatingsReport,
  focusLedgerReport,
  healthChecksReport,
  ledgerFactsOf,
  promotionPoolReport,
  recommendationsReport,
  reminderTalksReport,
  secretarySeatsReport,
  talksReport,
  teamCompositionReport,
  trainingReport,
  type LedgerFacts,
  type RecordedEvent,
} from '@ledger/domain';
import { generateCounty } from '../src';

/** Import lines as the store would hand them back (one stream per subject, recorded on their date). */
function factsOf(seed: number): LedgerFacts {
  const events = [...generateCounty({ townships: 20, years: 12, seed })].map((line, i) => {
    const l = line as unknown as { id: string; type: string; effectiveDate: string; data: unknown; cadreId?: string; orgUnitId?: string; appealId?: string };
    const streamId = l.cadreId ? `cadre-${l.cadreId}` : l.orgUnitId ? `orgunit-${l.orgUnitId}` : l.appealId ? `appeal-${l.appealId}` : 'policy';
    return { type: l.type, data: l.data, effectiveDate: l.effectiveDate, eventId: l.id, streamId, revision: 0, globalPosition: i + 1, recordedAt: `${l.effectiveDate}T04:00:00.000Z`, actor: 'gen' } as unknown as RecordedEvent;
  });
  return ledgerFactsOf(events);
}

describe('a generated 20-township county exercises every report', () => {
  const facts = factsOf(20250101);
  const asOf = calendarDate('2024-06-30');
  const timed = <T>(name: string, run: () => T): T => {
    const started = performance.now();
    const result = run();
    timings[name] = Math.round(performance.now() - started);
    return result;
  };
  const timings: Record<string, number> = {};
  afterAll(() => console.log('pure report timings (ms), 20 townships × 12 years:', timings));

  it('TM1: some team checks fail, others pass', () => {
    const checks = timed('team-composition', () => teamCompositionReport(facts, { asOf })).townships.flatMap((t) => t.checks);
    expect(checks.some((c) => c.passed)).toBe(true);
    expect(checks.some((c) => !c.passed)).toBe(true);
  });

  it('TM2: secretaries, chief appointments from the preferred pool and others, graduates', () => {
    const r = timed('promotion-pool', () => promotionPoolReport(facts, { asOf }));
    expect(r.servingSecretaries).toBeGreaterThan(0);
    expect(r.chiefAppointments.some((a) => a.fromPreferredPool)).toBe(true);
    expect(r.chiefAppointments.some((a) => !a.fromPreferredPool)).toBe(true);
    expect(r.priorityGraduates.length).toBeGreaterThan(0);
  });

  it('TM3: leaders missing a training; temporary postings', () => {
    const r = timed('training', () => trainingReport(facts, { year: 2023 }));
    expect(r.missing.length).toBeGreaterThan(0);
    expect(r.townships).toHaveLength(20);
  });

  it('TM5: ratings, recommendations with and without an outcome, secretaries with and without a county seat', () => {
    expect(timed('department-ratings', () => departmentRatingsReport(facts, { year: 2023 })).departments.some((d) => d.ratings > 0)).toBe(true);
    const recs = timed('recommendations', () => recommendationsReport(facts, { asOf })).recommendations;
    expect(recs.some((r) => r.outcome !== null)).toBe(true);
    expect(recs.some((r) => r.outcome === null)).toBe(true);
    const seats = timed('secretary-seats', () => secretarySeatsReport(facts, { asOf })).secretaries;
    expect(seats.some((s) => s.passed)).toBe(true);
    expect(seats.some((s) => !s.passed)).toBe(true);
  });

  it('TM7: focus-ledger entries; the lowest townships with and without a reminder talk', () => {
    expect(timed('focus-ledger', () => focusLedgerReport(facts, { asOf })).entries.length).toBeGreaterThan(0);
    const chiefs = [2020, 2021, 2022, 2023].flatMap((year) => reminderTalksReport(facts, { year }).townships.flatMap((t) => t.chiefs));
    timed('reminder-talks', () => reminderTalksReport(facts, { year: 2023 }));
    expect(chiefs.some((c) => c.talkHeld)).toBe(true);
    expect(chiefs.some((c) => !c.talkHeld)).toBe(true);
  });

  it('TM8: talks held and missing; health checks missing', () => {
    const talks = timed('talks', () => talksReport(facts, { year: 2023 }));
    expect(talks.held.length).toBeGreaterThan(0);
    expect(talks.missing.length).toBeGreaterThan(0);
    expect(timed('health-checks', () => healthChecksReport(facts, { year: 2023 })).missing.length).toBeGreaterThan(0);
  });
});
