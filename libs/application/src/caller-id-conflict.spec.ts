import { EventIdConflictError } from '@ledger/event-store';
import { conflictForTheCaller } from './caller-id-conflict';

describe('conflictForTheCaller: an id conflict as the caller of one command is told it', () => {
  it('given a derived id taken by another event, then the command’s own id is named, with the derived one', () => {
    const said = conflictForTheCaller('app-1', new EventIdConflictError('app-1:T01:HEAD', 'is already stored (stream cadre-C2, revision 2) with a different body'));
    expect(said.eventId).toBe('app-1');
    expect(said.message).toMatch(/^event id app-1 derives an event id .*\(app-1:T01:HEAD\)$/);
    expect(said.message).not.toMatch(/cadre-C2/);
  });
  it('given the store’s "is new, but other events of the same write are already stored" on the command’s own id, then it is a derived id taken, not "not a retry"', () => {
    const said = conflictForTheCaller('dec-1', new EventIdConflictError('dec-1', 'is new, but other events of the same write are already stored: a write is stored whole or not at all, so this is not a retry'));
    expect(said.message).toMatch(/^event id dec-1 derives an event id .* record this fact under another id$/);
  });
  it('given the command’s own id stored elsewhere meanwhile, then the stream holding it is not named', () => {
    expect(conflictForTheCaller('x', new EventIdConflictError('x', 'is already stored (stream cadre-C9, revision 4) with a different body')).message).toBe('event id x is already recorded for a different fact');
  });
  it('given any other conflict, then it is said as it is', () => {
    const other = new EventIdConflictError('x', 'is already recorded for a different fact');
    expect(conflictForTheCaller('x', other)).toBe(other);
  });
});
