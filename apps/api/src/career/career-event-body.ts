/**
 * HTTP bodies of the write endpoints, generated from the event catalogue: one zod schema per event
 * type (the same schemas the import and the domain use), so OpenAPI documents every type's data.
 * The aggregate id comes from the path, the actor from the token.
 */
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { appealRemedySchema, calendarDateSchema, discriminatorRequired, eventIdSchema, COMMAND_TYPES, IDENTIFIER_MESSAGE, EVENT_CATALOGUE, NO_FIELDS_DATA_MESSAGE, overrideSchema, type CommandType, type StreamCategory } from '@ledger/domain';

const idSchema = eventIdSchema.describe('the event id: your idempotency key (re-sending the same body with the same id is a no-op); generated when absent');

/**
 * An event type's data as the route documents it; one with no fields of its own (EVENTS.md "—") says,
 * when `data` is left out, to send {} (the import's refusal says the same: commands.ts).
 */
function dataOf(type: CommandType) {
  const schema = EVENT_CATALOGUE[type].schema;
  if (!schema.safeParse({}).success) return schema;
  return z.strictObject({}, { error: (issue) => (issue.input === undefined ? NO_FIELDS_DATA_MESSAGE : undefined) });
}

function bodyOf(type: CommandType) {
  return z
    .object({
      // Only AppealDecided takes a remedy; the domain refuses it on any other type (400, field remedy).
      remedy: appealRemedySchema.optional().describe('AppealDecided only: the upheld decision’s remedy, recorded in the same write'),
      id: idSchema.optional(),
      type: z.literal(type),
      effectiveDate: calendarDateSchema.describe('YYYY-MM-DD (Asia/Shanghai) when it took effect; future dates are allowed (T4)'),
      documentRef: z.string().trim().min(1).max(200).optional().describe('文号 of the decision'),
      data: dataOf(type),
      override: overrideSchema.optional().describe('knowingly departs from a policy rule; stored with the event'),
    })
    .strict();
}

function unionFor(category: StreamCategory) {
  const types = COMMAND_TYPES.filter((t) => EVENT_CATALOGUE[t].category === category);
  const [first, ...rest] = types.map(bodyOf);
  return z.discriminatedUnion('type', [first!, ...rest], { error: discriminatorRequired('type') });
}

export const cadreEventBody = unionFor('cadre');
export const orgUnitEventBody = unionFor('orgunit');
export const appealEventBody = unionFor('appeal');

export class CadreEventBody extends createZodDto(cadreEventBody) {}
export class OrgUnitEventBody extends createZodDto(orgUnitEventBody) {}
export class AppealEventBody extends createZodDto(appealEventBody) {}

export const aggregateIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, IDENTIFIER_MESSAGE);
