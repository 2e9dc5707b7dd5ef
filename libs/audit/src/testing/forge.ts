/**
 * The forger's work, for the specs: an export whose event was changed and whose every later hash in
 * that stream, head and document hash were computed again. Such a file agrees with itself; only
 * the ledger (compareExportWithLedger) can tell it is not the ledger's.
 */
import { chainHash } from '@ledger/event-store';
import { computeDocumentHash, deriveLinksAndSummary } from '../build-export';
import type { AuditExport } from '../export-document';

export function forgedConsistently(doc: AuditExport, eventId: string, data: Record<string, unknown>): AuditExport {
  const forged = JSON.parse(JSON.stringify(doc)) as AuditExport;
  for (const stream of forged.streams) {
    const at = stream.events.findIndex((e) => e.eventId === eventId);
    if (at < 0) continue;
    stream.events[at] = { ...stream.events[at]!, data: { ...stream.events[at]!.data, ...data } as never };
    for (let i = at; i < stream.events.length; i++) {
      const { hash: _hash, globalPosition: _globalPosition, position: _position, ...body } = stream.events[i]!;
      const previous = i === 0 ? forged.genesisHash : stream.events[i - 1]!.hash;
      stream.events[i] = { ...stream.events[i]!, hash: chainHash(previous, body) };
    }
    stream.head = { revision: stream.events.at(-1)!.revision, hash: stream.events.at(-1)!.hash };
  }
  forged.documentHash = computeDocumentHash(forged);
  return forged;
}

/** The forger's last step after an edit: links, summary and document hash derived again from what the file now holds. */
export function resealed(doc: AuditExport, edit: (d: AuditExport) => void): AuditExport {
  const d = JSON.parse(JSON.stringify(doc)) as AuditExport;
  edit(d);
  const { links, summary } = deriveLinksAndSummary(d.streams, d.relatedEvents);
  d.links = links;
  d.summary = summary;
  d.documentHash = computeDocumentHash(d);
  return d;
}

/** An event cut out of its stream, the later events renumbered and rechained, the file resealed: it agrees with itself. */
export function withEventCut(doc: AuditExport, eventId: string): AuditExport {
  return resealed(doc, (d) => {
    for (const stream of d.streams) {
      const at = stream.events.findIndex((e) => e.eventId === eventId);
      if (at < 0) continue;
      stream.events.splice(at, 1);
      for (let i = at; i < stream.events.length; i++) {
        const { hash: _hash, globalPosition: _globalPosition, position: _position, ...body } = stream.events[i]!;
        const renumbered = { ...body, revision: body.revision - 1 };
        const previous = i === 0 ? d.genesisHash : stream.events[i - 1]!.hash;
        stream.events[i] = { ...stream.events[i]!, revision: renumbered.revision, hash: chainHash(previous, renumbered) };
      }
      stream.head = { revision: stream.events.at(-1)!.revision, hash: stream.events.at(-1)!.hash };
    }
  });
}
