/**
 * The hash chain's known answer: a fixed two-event chain, its canonical bytes and SHA-256 hashes,
 * computed once with `printf '%s%s' prev json | sha256sum`, not with this code (hash-chain.spec.ts,
 * canonical-parts.spec.ts).
 */
import type { HashedFields } from './hash-chain';

export const KAT_EVENT_0: HashedFields = {
  eventId: 'kat-0',
  type: 'AppointedToPost',
  schemaVersion: 1,
  streamId: 'cadre-K1',
  revision: 0,
  effectiveDate: '2021-03-01',
  recordedAt: '2021-03-02T01:02:03.456Z',
  actor: 'CLERK:王录入#tok_1',
  documentRef: '青委〔2021〕7号',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  data: { role: 'PARTY_SECRETARY', orgUnitId: 'T01' },
  metadata: { override: { reason: '补录', rules: ['TM4'] } },
};

export const KAT_EVENT_1: HashedFields = {
  eventId: 'kat-1',
  type: 'AnnualAssessmentRecorded',
  schemaVersion: 1,
  streamId: 'cadre-K1',
  revision: 1,
  effectiveDate: '2022-01-20',
  recordedAt: '2022-01-21T08:00:00.000Z',
  actor: 'LEADER:张审核#tok_2',
  documentRef: null,
  correlationId: 'corr-1',
  causationId: 'kat-0',
  data: { year: 2021, grade: 'EXCELLENT' },
  metadata: {},
};

export const KAT_CANONICAL_0 =
  '{"actor":"CLERK:王录入#tok_1","causationId":"cause-1","correlationId":"corr-1","data":{"orgUnitId":"T01","role":"PARTY_SECRETARY"},' +
  '"documentRef":"青委〔2021〕7号","effectiveDate":"2021-03-01","eventId":"kat-0","metadata":{"override":{"reason":"补录","rules":["TM4"]}},' +
  '"recordedAt":"2021-03-02T01:02:03.456Z","revision":0,"schemaVersion":1,"streamId":"cadre-K1","type":"AppointedToPost"}';
export const KAT_HASH_0 = '4a721c007180bd03bd896ff612cbc2dcdd5ccaf8ea21880fd0ab623f830a7bba';
export const KAT_HASH_1 = '8c42b0ce57431d86b0321cf22f5d8e8676ba4e356a1977ac8130073dba70ee0e';
