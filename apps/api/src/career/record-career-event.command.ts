/**
 * Command bus: record one career command (an event type's body addressed to an aggregate).
 */
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandGroupCommit, retractionRefusal, type ExecuteResult } from '@ledger/application';
import type { Role } from '@ledger/auth';
import type { StreamCategory } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { ApiError } from '../platform/errors';
import { EVENT_STORE } from '../platform/tokens';

/** A validated write body: its fields are copied into the command; the aggregate id is added from the path. */
export type AddressedBody = object;

export class RecordCareerEventCommand extends Command<ExecuteResult> {
  constructor(
    readonly category: Exclude<StreamCategory, 'policy'> | 'policy',
    readonly aggregateId: string | undefined,
    readonly body: AddressedBody,
    readonly meta: { actor: string; role: Role; correlationId?: string; expectedRevision?: number; idempotencyKey?: string },
  ) {
    super();
  }
}

const ADDRESS = { cadre: 'cadreId', orgunit: 'orgUnitId', appeal: 'appealId' } as const;

@CommandHandler(RecordCareerEventCommand)
export class RecordCareerEventHandler implements ICommandHandler<RecordCareerEventCommand, ExecuteResult> {
  constructor(
    @Inject(CommandGroupCommit) private readonly service: CommandGroupCommit,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: RecordCareerEventCommand): Promise<ExecuteResult> {
    const { category, aggregateId, body, meta } = command;
    const given = (body as { id?: unknown }).id;
    // The domain parses the whole command again with the catalogue's schema; nothing is trusted here.
    const input: Record<string, unknown> = { ...body, id: given ?? meta.idempotencyKey ?? randomUUID() };
    if (category !== 'policy') input[ADDRESS[category]] = aggregateId;
    // A retraction of an appeal's remedy needs the appeal capability too: the same check as the imports'.
    const refusal = await retractionRefusal(this.store, meta.role, input);
    if (refusal) {
      const { code, message, messageZh, ...details } = refusal;
      throw new ApiError(403, code, message, messageZh, details);
    }
    return this.service.execute(input, {
      actor: meta.actor,
      ...(meta.correlationId ? { correlationId: meta.correlationId } : {}),
      ...(meta.expectedRevision !== undefined ? { expectedRevision: meta.expectedRevision } : {}),
    });
  }
}
