/** The optional stream-scan capability is detected by both of its methods. */
import { canScanStreams, type EventStore } from './event-store.port';

describe('canScanStreams', () => {
  const fn = async () => undefined;
  it('is true only when the store has both readableHead and scanStreamsUpTo', () => {
    expect(canScanStreams({ readableHead: fn, scanStreamsUpTo: fn } as unknown as EventStore)).toBe(true);
    expect(canScanStreams({ readableHead: fn } as unknown as EventStore)).toBe(false);
    expect(canScanStreams({ scanStreamsUpTo: fn } as unknown as EventStore)).toBe(false);
    expect(canScanStreams({ readableHead: fn, scanStreamsUpTo: 'yes' } as unknown as EventStore)).toBe(false);
    expect(canScanStreams({} as EventStore)).toBe(false);
  });
});
