/**
 * Races of HTTP imports with each other and with route writes.
 * Written by a review of races (2026-12-05), which found none; kept as regression specs.
 */
import type { Role } from '@ledger/auth';
import { DEFAULT_POLICY } from '@ledger/domain';
import { raceClient } from './race-client';
import { startApi, type ApiHarness } from '../../support/api-harness';

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const regLine = (cadreId: string, name: string) => ({ id: `reg-${cadreId}`, type: 'CadreRegistered', cadreId, effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });

describe('races of imports', () => {
  let api: ApiHarness;
  const { send } = raceClient(() => api);
  const importLines = (lines: unknown[], role: Role = 'ADMIN') => send('/v1/import', lines.map((l) => JSON.stringify(l)).join('\n') + '\n', role, 'application/x-ndjson');
  const post = (path: string, body: unknown, role: Role = 'CLERK') => send(path, JSON.stringify(body), role, 'application/json');

  beforeAll(async () => {
    api = await startApi('races_import');
  });
  afterAll(() => api.close());

  it('two imports of overlapping files at once: every line accepted by both, each event stored once', async () => {
    const problems: string[] = [];
    for (let round = 0; round < 6; round++) {
      const lines: Record<string, unknown>[] = [];
      lines.push({ id: `reg-OT${round}`, type: 'OrgUnitRegistered', orgUnitId: `OT${round}`, effectiveDate: '2000-01-01', data: { name: `重叠镇${round}`, kind: 'TOWNSHIP' } });
      for (let c = 0; c < 40; c++) {
        const id = `O${round}-${c}`;
        lines.push(regLine(id, `干部${round}-${c}`));
        lines.push({ id: `ap-${id}`, type: 'AppointedToPost', cadreId: id, effectiveDate: '2010-01-01', data: { orgUnitId: `OT${round}`, role: 'STAFF' } });
        for (let y = 0; y < 5; y++) lines.push({ id: `tr-${id}-${y}`, type: 'TrainingCompleted', cadreId: id, effectiveDate: `${2011 + y}-06-01`, data: { programme: '培训班', level: 'COUNTY' } });
      }
      lines.push({ id: `sec-${round}`, type: 'AppointedToPost', cadreId: `O${round}-0`, effectiveDate: '2015-01-01', data: { orgUnitId: `OT${round}`, role: 'PARTY_SECRETARY' } });
      const a = lines.slice(0, Math.floor(lines.length * 0.7));
      const b = lines.slice(Math.floor(lines.length * 0.3));
      const [ra, rb] = await Promise.all([importLines(a), (async () => (await sleep(round % 3), importLines(b)))()]);
      for (const [name, r, n] of [['A', ra, a.length], ['B', rb, b.length]] as const) {
        if (r.status !== 200 || r.body.error || r.body.accepted !== n || r.body.rejectedCount !== 0) problems.push(`round ${round} import ${name}: ${r.status} accepted ${r.body?.accepted}/${n} ${JSON.stringify(r.body?.rejected ?? r.body).slice(0, 300)} ${r.body?.error ?? ''}`);
      }
    }
    const [dupes] = await api.db.sql`select count(*)::int as n from (select stream_id from events where stream_id like 'cadre-O%' group by stream_id having count(*) <> (case when stream_id like '%-0' then 8 else 7 end)) x`;
    expect({ problems, streamsNotOfSevenEvents: dupes!.n }).toEqual({ problems: [], streamsNotOfSevenEvents: 0 });
  });

  it('P2: two imports each appointing another secretary to one township at once: exactly one accepted', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 12; i++) {
      await importLines([
        { id: `reg-KT${i}`, type: 'OrgUnitRegistered', orgUnitId: `KT${i}`, effectiveDate: '2000-01-01', data: { name: `竞镇${i}`, kind: 'TOWNSHIP' } },
        regLine(`KA${i}`, `甲${i}`),
        regLine(`KB${i}`, `乙${i}`),
      ]);
      const [ra, rb] = await Promise.all([
        importLines([{ id: `ka-${i}`, type: 'AppointedToPost', cadreId: `KA${i}`, effectiveDate: '2020-01-01', data: { orgUnitId: `KT${i}`, role: 'PARTY_SECRETARY' } }], 'CLERK'),
        (async () => (await sleep(i % 3), importLines([{ id: `kb-${i}`, type: 'AppointedToPost', cadreId: `KB${i}`, effectiveDate: '2020-03-01', data: { orgUnitId: `KT${i}`, role: 'PARTY_SECRETARY' } }], 'CLERK')))(),
      ]);
      const accepted = (ra.body?.accepted ?? 0) + (rb.body?.accepted ?? 0);
      if (ra.status !== 200 || rb.status !== 200 || accepted !== 1) problems.push(`round ${i}: ${JSON.stringify(ra.body).slice(0, 200)} / ${JSON.stringify(rb.body).slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });

  it('an HTTP import of trainings beside route writes on the same cadres: every line and every write stored, no 500', async () => {
    await importLines([regLine('W1', '王一'), regLine('W2', '王二')]);
    const problems: string[] = [];
    for (let round = 0; round < 5; round++) {
      const lines = Array.from({ length: 200 }, (_, k) => ({ id: `wi-${round}-${k}`, type: 'TrainingCompleted', cadreId: `W${(k % 2) + 1}`, effectiveDate: `2015-0${(k % 9) + 1}-01`, data: { programme: '培训', level: 'COUNTY' } }));
      const imported = importLines(lines, 'CLERK');
      const writes = Array.from({ length: 20 }, async (_, k) => {
        await sleep(k);
        return post(`/v1/cadres/W${(k % 2) + 1}/events`, { id: `wr-${round}-${k}`, type: 'HealthCheckCompleted', effectiveDate: `2016-0${(k % 9) + 1}-01`, data: {} });
      });
      const [ri, ...rw] = await Promise.all([imported, ...writes]);
      if (ri.status !== 200 || ri.body.accepted !== 200 || ri.body.error) problems.push(`round ${round} import: ${JSON.stringify(ri.body).slice(0, 300)}`);
      rw.forEach((r, k) => {
        if (r.status !== 201) problems.push(`round ${round} write ${k}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      });
    }
    const rows = await api.db.sql`select count(*)::int as n from events where event_id like 'wi-%' or event_id like 'wr-%'`;
    expect({ problems, stored: rows[0]!.n }).toEqual({ problems: [], stored: 5 * 220 });
  });

  it('a policy version adopted while an import decides lines it governs (TM4 3 → 1 year): each line decided on the policy stored before it', async () => {
    // Chief appointed 2019-01-01; removal on 2020-06-01 (1.4 years): refused without approval under 3 years, passes under 1 year.
    const problems: string[] = [];
    for (let i = 0; i < 8; i++) {
      const policyBefore = await api.db.sql`select count(*)::int as n from events where stream_id = 'policy'`;
      const lines: unknown[] = [{ id: `reg-YT${i}`, type: 'OrgUnitRegistered', orgUnitId: `YT${i}`, effectiveDate: '2000-01-01', data: { name: `政策镇${i}`, kind: 'TOWNSHIP' } }];
      for (let c = 0; c < 30; c++) {
        lines.push(regLine(`Y${i}-${c}`, `政${i}-${c}`));
        lines.push({ id: `y-in-${i}-${c}`, type: 'AppointedToPost', cadreId: `Y${i}-${c}`, effectiveDate: '2019-01-01', data: { orgUnitId: `YT${i}`, role: c === 0 ? 'PARTY_SECRETARY' : 'STAFF' } });
      }
      lines.push({ id: `y-out-${i}`, type: 'RemovedFromPost', cadreId: `Y${i}-0`, effectiveDate: '2020-06-01', data: { orgUnitId: `YT${i}`, role: 'PARTY_SECRETARY', reason: 'ADJUSTMENT' } });
      const imported = importLines(lines, 'ADMIN');
      await sleep(i * 3);
      const adopted = send('/v1/policy/versions', JSON.stringify({ id: `pol-${i}`, version: `v-race-${i}`, effectiveFrom: '2000-01-01', settings: { ...DEFAULT_POLICY.settings, stability: { ...DEFAULT_POLICY.settings.stability, chiefMinYearsInPostBeforeMove: i % 2 ? 1 : 3 } } }), 'ADMIN', 'application/json');
      const [ri, rp] = await Promise.all([imported, adopted]);
      if (rp.status !== 201 || ri.status !== 200) problems.push(`round ${i}: policy ${rp.status} ${JSON.stringify(rp.body).slice(0, 200)} import ${ri.status}`);
      const removalStored = (await api.db.sql`select 1 from events where event_id = ${`y-out-${i}`}`).length === 1;
      const [pol] = await api.db.sql`select global_position from events where event_id = ${`pol-${i}`}`;
      const [rem] = await api.db.sql`select global_position from events where event_id = ${`y-out-${i}`}`;
      // The policy in effect when the removal was decided: the adopted one if it was stored before, else the previous.
      const adoptedFirst = rem ? Number(pol!.global_position) < Number(rem.global_position) : undefined;
      void policyBefore;
      if (rem && adoptedFirst && i % 2 === 0) problems.push(`round ${i}: removal stored after a 3-year policy was adopted`);
      if (!removalStored && ri.body.rejected?.[0]?.rule !== 'TM4' && ri.body.rejected?.[0]?.code !== 'RULE_TM4_APPROVAL_REQUIRED') problems.push(`round ${i}: ${JSON.stringify(ri.body.rejected).slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
  });
});
