/**
 * A mistake in how the command was called (unknown topic, malformed time, --from after --to):
 * printed as one line, exit code 2, never a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A command that did its work and has a result other than success to report through the exit
 * code (`rebuild`: differences found, 3). It has printed everything already.
 */
export class ExitWith extends Error {
  override readonly name = 'ExitWith';
  constructor(readonly exitCode: number) {
    super(`exit code ${exitCode}`);
  }
}

/** Exit codes: 0 done, 1 failed while working (broker, database), 2 bad usage, 3 rebuild found differences. */
export const EXIT = { ok: 0, failed: 1, usage: 2, different: 3 } as const;
