import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isTransientError } from './transient-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientError', () => {
  it.each([
    [
      'a connection cut by the server (57P01)',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a deadlock', withCode('deadlock detected', '40P01')],
    [
      'a query runner TypeORM released when its connection died',
      new QueryRunnerAlreadyReleasedError(),
    ],
    [
      'a query failure wrapping a lost connection',
      new QueryFailedError('SELECT 1', [], withCode('connection failure', '08006')),
    ],
  ])('treats %s as infrastructure: retried until it is back', (_what, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'amount')")],
    ['not an error at all', 'connection terminated'],
  ])('treats %s as a property of the message: bounded retries, then the DLQ', (_what, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
