import { cpuByClass, describeCpu, ticksFromStat } from './process-cpu';

describe('CPU by process from /proc', () => {
  it('reads user and system ticks after a command name holding spaces and parentheses', () => {
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0';
    expect(ticksFromStat(stat)).toBe(325);
  });

  it('adds up the ticks each class used between two snapshots, new processes whole', () => {
    const before = new Map([
      [1, 100],
      [2, 500],
    ]);
    const after = new Map([
      [1, 150], // +50
      [2, 500], // idle
      [3, 30], // started meanwhile
      [4, 80], // not of interest
    ]);
    const classes: Record<number, string> = { 1: 'consumer', 2: 'kafka', 3: 'consumer' };
    const seconds = cpuByClass(before, after, (pid) => classes[pid]);
    expect([...seconds]).toEqual([['consumer', 0.8]]);
    expect(describeCpu(seconds, 1)).toMatch(
      /^CPU by process: consumer 100 %; 0\.80 CPU-s, \d+ % of \d+ cores$/,
    );
  });
});
