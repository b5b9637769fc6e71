import { TopicNamer } from '@simpul/messaging';

// `simpul export` writes Parquet through an ES-module-only package that jest's CommonJS runtime
// cannot load on Node 20; nothing here writes Parquet, so the CLI is loaded without it.
jest.mock('hyparquet-writer', () => ({}), { virtual: true });

import { run } from '../main';
import { parseRate, replayHeaders, sandboxNamer } from './republish';

/** Runs the CLI in process and keeps what it wrote. */
async function simpul(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    // A broker nobody listens on: every case below must fail before connecting.
    const code = await run(['--brokers', '127.0.0.1:1', ...args]);
    return { code, stderr, stdout };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

const oneLine = (text: string) => {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
};

describe('simpul republish and dlq: bad input is one line and exit code 2', () => {
  const range = ['--from', '2026-11-20', '--to', '2026-11-21', '--sandbox', 'try'];

  it.each([
    [['republish', 'orders.nothing.v1', ...range], /unknown topic "orders.nothing.v1"/],
    [
      ['republish', 'orders.orders.v1', '--from', 'yesterday', '--to', '1h', '--sandbox', 'x'],
      /--from: "yesterday" is not a time/,
    ],
    [
      [
        'republish',
        'orders.orders.v1',
        '--from',
        '2026-11-21',
        '--to',
        '2026-11-20',
        '--sandbox',
        'x',
      ],
      /--from .* must be before --to/,
    ],
    [['republish', 'orders.orders.v1', ...range, '--rate', 'fast'], /--rate: "fast"/],
    [
      [
        'republish',
        'orders.orders.v1',
        '--from',
        '2026-11-20',
        '--to',
        '2026-11-21',
        '--sandbox',
        'Not Ok',
      ],
      /--sandbox/,
    ],
    [['republish', 'orders.orders.v1.dlq', ...range], /dead-letter topic/],
    [['dlq', 'list', 'orders.nothing.v1.dlq'], /unknown topic/],
    [['dlq', 'show', 'orders.orders.v1', '0:1'], /not a dead-letter topic/],
    [['dlq', 'show', 'orders.orders.v1.dlq', 'zero'], /not a message position/],
    [['dlq', 'redrive', 'orders.orders.v1.dlq'], /needs --all or/],
    [['dlq', 'redrive', 'orders.orders.v1.dlq', '--all', '0:1'], /--all or positions, not both/],
  ])('%j', async (args, message) => {
    const { code, stderr } = await simpul(args);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toMatch(message);
  });

  it('names the sandbox topic sandbox-<name>.<topic> inside the deployment prefix', () => {
    expect(sandboxNamer(new TopicNamer(''), 'chili-week').physical('orders.orders.v1')).toBe(
      'sandbox-chili-week.orders.orders.v1',
    );
    expect(sandboxNamer(new TopicNamer('t1.'), 'a').physical('orders.orders.v1')).toBe(
      't1.sandbox-a.orders.orders.v1',
    );
    expect(parseRate(undefined)).toBeUndefined();
    expect(parseRate('250')).toBe(250);
    expect(() => parseRate('0')).toThrow(/positive/);
  });

  it('keeps the original headers and adds the replay mark and the origin', () => {
    const headers = replayHeaders(
      { 'event-id': 'e1', 'event-type': 'orders.order.confirmed' },
      'orders.orders.v1',
      2,
      '41',
      String(Date.parse('2026-11-20T01:02:03Z')),
    );
    expect(headers).toEqual({
      'event-id': 'e1',
      'event-type': 'orders.order.confirmed',
      'simpul-replay': 'true',
      'simpul-replay-of': 'orders.orders.v1/2/41',
      'simpul-replay-time': '2026-11-20T01:02:03.000Z',
    });
  });
});
