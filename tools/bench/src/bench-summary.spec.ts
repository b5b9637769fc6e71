import type { BenchResult } from '@simpul/platform';
import type { BenchOutcome } from './bench-child';
import { replaceSummary, SUMMARY_END, SUMMARY_START, summaryRows } from './bench-summary';
import { PrefixedOutput, Tail } from './prefixed-output';

const ok = (name: string, figures: Record<string, unknown>): BenchOutcome => ({
  name,
  status: 'ok',
  seconds: 1,
  loadAverageAtStart: [0.5, 0.4, 0.3],
  result: { name, figures } as BenchResult,
});

describe('bench summary', () => {
  it('judges each bench against its aim from the figures it wrote', () => {
    const rows = summaryRows(
      ['matching', 'pricing', 'dispatch', 'backbone'],
      [
        ok('matching', {
          engineOpsPerSecond: 250_000,
          wallOpsPerSecond: 150_000,
          overall: { p99Micros: 22 },
        }),
        ok('pricing', { observationsPerSecond: 19_000, seconds: 10.5, series: 20 }),
        ok('dispatch', { medianMs: 3.2 }),
      ],
    );
    expect(rows.map((row) => row.verdict)).toEqual(['met', 'not met', '—', 'not run']);
    expect(rows[0].figure).toBe('250,000 ops/s (engine; wall 150,000), p99 22.0 µs');
    expect(rows[2].figure).toBe('no figure "p95Ms" in the result');
  });

  it('says why a bench failed, from its last line of output', () => {
    const failed: BenchOutcome = {
      name: 'flow',
      status: 'failed',
      seconds: 3,
      loadAverageAtStart: [1, 1, 1],
      exitCode: 1,
      signal: null,
      error: 'exited with 1',
      lastLines: ['flow benchmark: …', 'bench:flow failed: broker down', ''],
    };
    const [row] = summaryRows(['flow'], [failed]);
    expect(row).toMatchObject({
      verdict: 'failed',
      figure: 'exited with 1: bench:flow failed: broker down',
    });
  });

  it('replaces only what lies between the markers', () => {
    const doc = `# T\n\n${SUMMARY_START}\n\nold\n\n${SUMMARY_END}\n\n## After\n`;
    expect(replaceSummary(doc, 'new')).toBe(
      `# T\n\n${SUMMARY_START}\n\nnew\n\n${SUMMARY_END}\n\n## After\n`,
    );
    expect(() => replaceSummary('# T\n', 'new')).toThrow(/markers/);
  });
});

describe('prefixed output', () => {
  it('prefixes every line and keeps only the last drawing of a \\r progress line', () => {
    let written = '';
    const out = { write: (text: string) => (written += text) } as unknown as NodeJS.WriteStream;
    const tail = new Tail(2);
    const output = new PrefixedOutput('[b] ', out, tail);
    output.write('one\n\r  1/3\r  2');
    output.write('/3\r  3/3\ntwo');
    output.end();
    expect(written).toBe('[b] one\n[b]   3/3\n[b] two\n');
    expect(tail.lines()).toEqual(['  3/3', 'two']);
  });
});
