/**
 * `npm start` sent SIGTERM while an HTTP import is under way: the import stops at once (or at its
 * chunk's end) and its streamed report ends as a whole JSON document — 503 SERVER_STOPPING, the
 * lines whose outcome is final — before the server's 10 s grace closes the connection. Found by an
 * operations review: the report was cut off mid-document after the grace, and the caller could not
 * tell how many lines were final. Importing the file again stores exactly the lines after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../../support/api-process';
import { freePort } from '../../support/free-port';
import { COUNTY_LINES as LINES, importedAgain } from '../../support/interrupted-import';
import { runCli } from '../../support/run-cli';

/** Sent before the stop: two whole chunks of 1,000 lines and half of a third, the upload kept open. */
const SENT = 2500;

describe('npm start sent SIGTERM during an HTTP import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-import-stop-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = { LEDGER_DATA_DIR: dataDir, DATABASE_URL: '' };

  /** A fresh API sent SENT lines on `path`, the upload kept open, then SIGTERM: its report, how soon, and how it exited. */
  async function stoppedUpload(path: string) {
    const created = await runCli(['token', 'create', '--role', 'ADMIN', '--name', '测试', '--json'], env);
    expect(created.code).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };
    const port = await freePort();
    const api = await startApi(env, port);
    const upload = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' } });
    const report = new Promise<{ status: number; body: string; ended: boolean }>((resolve) => {
      upload.on('response', (response) => {
        let body = '';
        response.on('data', (c: Buffer) => (body += c.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, ended: true }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0, body, ended: false }));
      });
      upload.on('error', () => resolve({ status: 0, body: '', ended: false }));
    });
    upload.write(LINES.slice(0, SENT).join(''));
    // Two chunks decided and written; the third waits for lines that do not come (a slow upload).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const stopAsked = Date.now();
    api.child.kill('SIGTERM');
    const answered = await report;
    const answeredAfterMs = Date.now() - stopAsked;
    upload.destroy();
    return { answered, answeredAfterMs, exit: await api.exited };
  }

  it('ends the report as whole JSON naming the final lines, exits 0, and a re-import stores the rest', async () => {
    const { answered, answeredAfterMs, exit } = await stoppedUpload('/v1/import');
    expect(exit).toEqual({ code: 0, signal: null });

    expect({ status: answered.status, ended: answered.ended }).toEqual({ status: 200, ended: true });
    const body = JSON.parse(answered.body) as { lines: number; accepted: number; rejectedCount: number; error?: { statusCode: number; code: string; detailZh: string } };
    expect(body.error).toMatchObject({ statusCode: 503, code: 'SERVER_STOPPING' });
    expect(body.error?.detailZh).toContain(`前 ${body.lines} 行的处理结果已确定`);
    expect({ lines: body.lines, accepted: body.accepted, rejectedCount: body.rejectedCount }).toEqual({ lines: 2000, accepted: 2000, rejectedCount: 0 });
    // Not at the grace's end (10 s), when every connection is closed.
    expect(answeredAfterMs).toBeLessThan(8000);

    // The lines it named final are stored, none after them: a re-import stores exactly the rest.
    expect(await importedAgain(dataDir, env)).toMatchObject({ alreadyPresent: 2000, appended: LINES.length - 2000, rejectedCount: 0 });
  }, 120_000);

  it('a dry run stopped so says it checked the lines before and wrote nothing (found by a review: it spoke of lines written and stored)', async () => {
    const { answered, exit } = await stoppedUpload('/v1/import?dryRun=true');
    expect(exit).toEqual({ code: 0, signal: null });
    const body = JSON.parse(answered.body) as { lines: number; dryRun: boolean; error?: { code: string; detailZh: string } };
    expect(body).toMatchObject({ dryRun: true, lines: 2000, error: { code: 'SERVER_STOPPING' } });
    expect(body.error?.detailZh).toContain('试导入已校验前 2000 行（未写入任何内容），其后各行未校验');
  }, 120_000);
});
