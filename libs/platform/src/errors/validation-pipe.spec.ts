import { MAX_INPUT_DEPTH, unsafeInputProblem } from './validation-pipe';

describe('unsafeInputProblem', () => {
  it('passes ordinary input, unicode included', () => {
    expect(
      unsafeInputProblem({ name: 'Pasar Induk 🥚 مرحبا', lines: [{ amount: 1 }], ok: null }, ''),
    ).toBeUndefined();
  });

  it.each([
    [{ reason: 'a\u0000b' }, 'reason: must not contain NUL characters'],
    [{ lines: [{ note: 'x\ud800' }] }, 'lines.0.note: must be well-formed Unicode'],
    [{ 'bad\u0000key': 1 }, 'body: must not contain NUL characters'],
    ['x\udfff', 'plate: must be well-formed Unicode'],
    // class-validator's maxDecimalPlaces throws on numbers written with an exponent.
    [{ quantity: { amount: 5e-324 } }, 'quantity.amount: 5e-324 is out of range'],
    [{ unitPriceIdr: 1e21 }, 'unitPriceIdr: 1e+21 is out of range'],
  ])('refuses %j', (value, problem) => {
    expect(unsafeInputProblem(value, typeof value === 'string' ? 'plate' : '')).toContain(problem);
  });

  it('refuses nesting deeper than the limit without overflowing the stack itself', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeInputProblem(deep, '')).toContain(`nested deeper than ${MAX_INPUT_DEPTH}`);
  });
});
