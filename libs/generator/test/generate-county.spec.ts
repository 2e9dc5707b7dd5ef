import { Writable } from 'node:stream';
import { generateCounty, type ImportLine } from '../src';
import { writeCountyNdjson } from '../src/cli-adapter';
import { checkHistory, type HistoryReport } from './history-checker';

/** As the import will see it: one JSON text per line, parsed back. */
const asFile = (lines: Iterable<ImportLine>): unknown[] => [...lines].map((l) => JSON.parse(JSON.stringify(l)) as unknown);

describe('generateCounty', () => {
  describe('given 20 townships over 20 years (2006–2025)', () => {
    let report: HistoryReport;
    let generatedIn = 0;
    beforeAll(() => {
      const started = Date.now();
      const lines = [...generateCounty({ townships: 20, years: 20, seed: 20250101 })];
      generatedIn = Date.now() - started;
      report = checkHistory(asFile(lines), { seed: 20250101, endYear: 2025 });
    });

    it('yields lines that all parse with their event schema and keep every structural invariant', () => {
      // Line count and time, for the record.
      console.log(`20 townships × 20 years: ${report.lines} lines in ${generatedIn} ms`, report.counts, report.grades);
      expect(report.violations).toEqual([]);
      expect(report.lines).toBeGreaterThan(20_000);
    });

    it('grades 15–20% of assessments EXCELLENT, with only a few below COMPETENT', () => {
      expect(report.excellentShare).toBeGreaterThanOrEqual(0.15);
      expect(report.excellentShare).toBeLessThanOrEqual(0.2);
      const total = Object.values(report.grades).reduce((a, b) => a + b, 0);
      expect((report.grades.INCOMPETENT ?? 0) / total).toBeLessThan(0.005);
      expect((report.grades.BASICALLY_COMPETENT ?? 0) / total).toBeLessThan(0.06);
    });

    it('gives the in-post promotion and Excellent Secretary queries non-trivial answers', () => {
      console.log(
        `chiefs on 2025-12-31: ${report.chiefsOnReferenceDate}; TM6b eligible ≈ ${report.inPostEligible}; ` +
          `TM10 2021–2025 candidates ≈ ${report.excellentSecretaryCandidates}`,
      );
      expect(report.inPostEligible).toBeGreaterThanOrEqual(3);
      expect(report.excellentSecretaryCandidates).toBeGreaterThanOrEqual(10);
    });

    it('contains the rarer events: sanctions, appeals, rescissions, secondments, temporary postings, transfers', () => {
      for (const type of [
        'SanctionImposed',
        'AppealFiled',
        'AppealDecided',
        'SanctionRescinded',
        'SecondmentStarted',
        'TemporaryPostingStarted',
        'Transferred',
        'RemovedFromPost',
        'RankPromoted',
        'TownshipPerformanceScored',
        'TalkHeld',
      ]) {
        expect(report.counts[type] ?? 0).toBeGreaterThan(0);
      }
    });
  });

  it('is deterministic: the same seed gives the same lines, another seed other lines', () => {
    const a = asFile(generateCounty({ townships: 4, years: 6, seed: 42 }));
    const b = asFile(generateCounty({ townships: 4, years: 6, seed: 42 }));
    const c = asFile(generateCounty({ townships: 4, years: 6, seed: 43 }));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    // The returned iterable can be walked again with the same result.
    const once = generateCounty({ townships: 2, years: 3, seed: 7 });
    expect(asFile(once)).toEqual(asFile(once));
  });

  it('dates everything within the requested years, ending with endYear', () => {
    const lines = [...generateCounty({ townships: 3, years: 5, seed: 1, endYear: 2015 })];
    expect(lines[0]!.effectiveDate).toBe('2011-01-01');
    expect(lines.every((l) => l.effectiveDate >= '2011-01-01' && l.effectiveDate <= '2015-12-31')).toBe(true);
    expect(checkHistory(asFile(lines), { seed: 1, endYear: 2015 }).violations).toEqual([]);
  });

  it('rejects options it cannot honour', () => {
    expect(() => generateCounty({ townships: 0, years: 5, seed: 1 })).toThrow(RangeError);
    expect(() => generateCounty({ townships: 3, years: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateCounty({ townships: 3, years: 5, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateCounty({ townships: 3, years: 80, seed: 1 })).toThrow(RangeError);
  });
});

describe('writeCountyNdjson', () => {
  it('writes the same lines as NDJSON, waiting for drain when the stream is full', async () => {
    const chunks: string[] = [];
    let maxBuffered = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString('utf8'));
        // A slow consumer: if the writer ignored backpressure, the buffer would grow without bound.
        setImmediate(callback);
      },
    });
    const options = { townships: 3, years: 4, seed: 9 };
    const watch = setInterval(() => (maxBuffered = Math.max(maxBuffered, slow.writableLength)), 0);
    const written = slow.write.bind(slow);
    slow.write = ((...args: Parameters<typeof slow.write>) => {
      const ok = written(...args);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    const { lines } = await writeCountyNdjson(options, slow);
    clearInterval(watch);
    const text = chunks.join('');
    const expected = [...generateCounty(options)].map((l) => JSON.stringify(l) + '\n').join('');
    expect(lines).toBe(expected.split('\n').length - 1);
    expect(text).toBe(expected);
    // At most one pending chunk (≈64 KiB) beyond the high-water mark at any time.
    expect(maxBuffered).toBeLessThan(1024 + 70 * 1024);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
