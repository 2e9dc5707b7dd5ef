/**
 * The typed store errors: a stable code per kind (the HTTP filter maps STREAM_VERSION_CONFLICT and
 * EVENT_ID_CONFLICT to 409, INVALID_EVENT to 400), the class name as `name`, and messages that say
 * which stream, revision, event id or field.
 */
import { EventIdConflictError, EventStoreError, InvalidEventError, StreamVersionConflictError } from './errors';

describe('event-store errors', () => {
  it('StreamVersionConflictError: code, name, fields and message with the actual revision', () => {
    const e = new StreamVersionConflictError('cadre-C1', '3', 5);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(EventStoreError);
    expect(e).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', name: 'StreamVersionConflictError', streamId: 'cadre-C1', expected: '3', actual: 5 });
    expect(e.message).toBe('stream cadre-C1: expected revision 3, actual 5');
  });

  it('StreamVersionConflictError: a stream that does not exist is "no stream"; revision 0 is a revision', () => {
    expect(new StreamVersionConflictError('cadre-C1', '0', null).message).toBe('stream cadre-C1: expected revision 0, actual no stream');
    expect(new StreamVersionConflictError('cadre-C1', 'no_stream', 0).message).toBe('stream cadre-C1: expected revision no_stream, actual 0');
  });

  it('EventIdConflictError: code, name, event id and detail', () => {
    const e = new EventIdConflictError('evt-1', 'is already stored');
    expect(e).toBeInstanceOf(EventStoreError);
    expect(e).toMatchObject({ code: 'EVENT_ID_CONFLICT', name: 'EventIdConflictError', eventId: 'evt-1', message: 'event id evt-1 is already stored' });
  });

  it('InvalidEventError: code, name, the field and a message that starts with it', () => {
    const e = new InvalidEventError('data.x', 'must be a finite number');
    expect(e).toBeInstanceOf(EventStoreError);
    expect(e).toMatchObject({ code: 'INVALID_EVENT', name: 'InvalidEventError', field: 'data.x', message: 'data.x: must be a finite number' });
  });
});
