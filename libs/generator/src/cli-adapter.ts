/**
 * Thin I/O edge for the CLI (`ledger generate`): streams generated lines as NDJSON into a
 * writable, waiting for 'drain' when the stream's buffer is full. It does not end the stream:
 * the caller owns it (stdout must stay open; a file stream is ended by the caller).
 */
import { once } from 'node:events';
import { generateCounty, type GenerateCountyOptions } from './generate-county';

/** Lines are batched into chunks of about this many characters before each write. */
const CHUNK_CHARS = 64 * 1024;

export async function writeCountyNdjson(
  options: GenerateCountyOptions,
  writable: NodeJS.WritableStream,
): Promise<{ lines: number }> {
  let lines = 0;
  let chunk = '';
  const flush = async (): Promise<void> => {
    const text = chunk;
    chunk = '';
    // Backpressure: write() returning false means wait for 'drain'; once() rejects on 'error'.
    if (!writable.write(text)) await once(writable, 'drain');
  };
  for (const line of generateCounty(options)) {
    chunk += JSON.stringify(line) + '\n';
    lines++;
    if (chunk.length >= CHUNK_CHARS) await flush();
  }
  if (chunk.length > 0) await flush();
  return { lines };
}
