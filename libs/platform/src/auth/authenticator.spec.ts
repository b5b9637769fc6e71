import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { Authenticator } from './authenticator';

const NEW_SECRET = 'the-new-secret-of-this-rotation-0123456789abcdef';
const OLD_SECRET = 'the-old-secret-being-retired-0123456789abcdef';
const OTHER_SECRET = 'a-secret-nobody-here-trusts-0123456789abcdef';

const service = (secret: string) =>
  new JwtService({
    secretOrKeyProvider: () => createSecretKey(Buffer.from(secret)),
    signOptions: { algorithm: 'HS256', issuer: 'simpul', audience: 'simpul' },
    verifyOptions: { algorithms: ['HS256'], issuer: 'simpul', audience: 'simpul' },
  });

const request = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const tokenFrom = (secret: string, claims: object = { role: 'analyst', exp: inMinutes(10) }) =>
  service(secret).sign(claims, { subject: 'rotation-test' });
function inMinutes(minutes: number): number {
  return Math.floor(Date.now() / 1000) + minutes * 60;
}

async function outcome(authenticator: Authenticator, token: string) {
  const result = await authenticator.outcome(request(token));
  return 'error' in result ? result.error.message : result.principal.role;
}

describe('Authenticator during a secret rotation', () => {
  it('given the previous secret, when a token signed with it comes, then it is accepted alongside the new one', async () => {
    const authenticator = new Authenticator(service(NEW_SECRET), service(OLD_SECRET));
    expect(await outcome(authenticator, tokenFrom(NEW_SECRET))).toBe('analyst');
    expect(await outcome(authenticator, tokenFrom(OLD_SECRET))).toBe('analyst');
    expect(await outcome(authenticator, tokenFrom(OTHER_SECRET))).toBe(
      'invalid token: invalid signature',
    );
  });

  it('given no previous secret, when a token of the old secret comes, then it is refused', async () => {
    const authenticator = new Authenticator(service(NEW_SECRET), null);
    expect(await outcome(authenticator, tokenFrom(OLD_SECRET))).toBe(
      'invalid token: invalid signature',
    );
  });

  it('given the previous secret, when its token has expired, then it is refused as expired', async () => {
    const authenticator = new Authenticator(service(NEW_SECRET), service(OLD_SECRET));
    const expired = tokenFrom(OLD_SECRET, { role: 'analyst', exp: inMinutes(-1) });
    expect(await outcome(authenticator, expired)).toBe('invalid token: jwt expired');
  });
});
