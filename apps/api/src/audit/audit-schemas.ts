/**
 * The audit answers as /docs/openapi.json documents them: a verification of every hash chain (and,
 * with `sinceDigest`, the proof that nothing before the digest changed), and the ledger digest.
 * Checked against the answers' types at compile time.
 */
import { z } from 'zod';
import { BROKEN_LINK_REASONS, type DigestAnswer, type SinceDigestVerification } from '@ledger/audit';
import type { VerificationResult } from '@ledger/event-store';
import { allPositionSchema, type Documents } from '../platform/answer-schemas';

export const digestSchema = z.object({
  count: z.number().int().describe('how many events of the store-wide order it covers'),
  position: allPositionSchema.describe('position of the last covered event'),
  hash: z.string().describe('the running SHA-256 over every event hash in the store-wide order, hex'),
  digest: z.string().describe('the compact form to keep and pass back as sinceDigest'),
});

const brokenLinkSchema = z.object({ streamId: z.string(), revision: z.number().int(), reason: z.enum(BROKEN_LINK_REASONS), message: z.string() });

export const verificationSchema = z.object({
  ok: z.boolean(),
  checkedEvents: z.number().int(),
  checkedStreams: z.number().int(),
  firstBroken: brokenLinkSchema.optional().describe('the first broken link, by stream and revision'),
  broken: z
    .array(brokenLinkSchema)
    .describe('the broken links found: the first only, as verify stops there (the CLI’s verify --all lists every one, each at its own event)'),
  sinceDigest: z
    .object({
      ok: z.boolean(),
      digest: digestSchema,
      current: digestSchema,
      recountedEvents: z.number().int(),
      appendedSince: z.number().int(),
      failure: z.object({ reason: z.enum(['EVENTS_MISSING', 'EVENTS_INSERTED', 'HASH_MISMATCH']), message: z.string() }).optional(),
    })
    .optional()
    .describe('with ?sinceDigest: whether the ledger up to the digest is unchanged and only appended to since'),
});

export const AUDIT_SCHEMAS_MATCH: [Documents<DigestAnswer, typeof digestSchema>, Documents<VerificationResult, typeof verificationSchema>, Documents<SinceDigestVerification, typeof verificationSchema>] = [
  true,
  true,
  true,
];
