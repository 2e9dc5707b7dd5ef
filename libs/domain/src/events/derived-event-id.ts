import { cutWholeCharacters } from '../input-text';

/**
 * Ids of the events a command writes beside its own (a township's holder marker, an upheld
 * appeal's remedies): the command's id with a suffix, so re-sending the command derives the same
 * ids and the store treats it as a no-op. A caller's id may use the whole 200 characters an event
 * id may have, so an over-long derived id keeps its head and ends with a hash of the whole (found
 * 2026-12-02: a 200-character Idempotency-Key on an upheld appeal was refused as `eventId`, a
 * field the caller never sent).
 */
export const MAX_EVENT_ID = 200;

/** 32-bit FNV-1a, hex: only to keep an over-long derived id unique and deterministic. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `${commandId}:${suffix}`, at most MAX_EVENT_ID characters. */
export function derivedEventId(commandId: string, suffix: string): string {
  const id = `${commandId}:${suffix}`;
  if (id.length <= MAX_EVENT_ID) return id;
  return `${cutWholeCharacters(id, MAX_EVENT_ID - 9)}#${fnv1a(id)}`;
}
