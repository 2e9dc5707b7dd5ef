/**
 * Command bus: record one career command (an event type's body addressed to an aggregate).
 */
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandGroupCommit, conflictForTheCaller, ForbiddenEventError, type ExecuteResult } from '@ledger/application';
import { EventIdConflictError } from '@ledger/event-store';
import type { Role } from '@ledger/auth';
import type { StreamCategory } from '@ledger/domain';
import { ApiError } from '../platform/errors';

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
  constructor(@Inject(CommandGroupCommit) private readonly service: CommandGroupCommit) {}

  async execute(command: RecordCareerEventCommand): Promise<ExecuteResult> {
    const { category, aggregateId, body, meta } = command;
    const given = (body as { id?: unknown }).id;
    // The domain parses the whole command again with the catalogue's schema; nothing is trusted here.
    const input: Record<string, unknown> = { ...body, id: given ?? meta.idempotencyKey ?? randomUUID() };
    if (category !== 'policy') input[ADDRESS[category]] = aggregateId;
    try {
      return await this.service.execute(input, {
        actor: meta.actor,
        // A retraction of an appeal's remedy needs the appeal capability too: asked as the command is decided, as the imports' lines are.
        role: meta.role,
        ...(meta.correlationId ? { correlationId: meta.correlationId } : {}),
        ...(meta.expectedRevision !== undefined ? { expectedRevision: meta.expectedRevision } : {}),
      });
    } catch (error) {
      if (error instanceof EventIdConflictError) throw conflictForTheCaller(String(input.id), error);
      if (!(error instanceof ForbiddenEventError)) throw error;
      const { code, message, messageZh, ...details } = error.refusal;
      throw new ApiError(403, code, message, messageZh, details);
    }
  }
}
