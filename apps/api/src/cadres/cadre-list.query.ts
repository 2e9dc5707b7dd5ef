/** The cadre roster (干部名册) as GET /v1/cadres answers it: the query is the read side's (libs/projections roster.ts), shared with the CLI's `cadres`. */
import { z } from 'zod';
import { orgUnitKindSchema, rankSchema, roleSchema } from '@ledger/domain';
import { listCadres, rosterParamsSchema, type RosterParams } from '@ledger/projections';
import { answerCommon } from '../platform/answer-schemas';

export const cadreListParamsSchema = rosterParamsSchema;
export type CadreListParams = RosterParams;
export { listCadres };

export const cadreListAnswerSchema = z.object({
  asOf: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  townships: z.array(z.object({ orgUnitId: z.string(), name: z.string() })),
  behind: answerCommon.behind,
  items: z.array(
    z.object({
      cadreId: z.string(),
      name: z.string(),
      gender: z.enum(['M', 'F']).nullable(),
      birthDate: z.string().nullable(),
      post: z.object({ orgUnitId: z.string(), orgUnitName: z.string().nullable(), orgUnitKind: orgUnitKindSchema.nullable(), role: roleSchema }).nullable(),
      rank: rankSchema.nullable(),
    }),
  ),
});
