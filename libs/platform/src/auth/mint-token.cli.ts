import { parseArgs } from 'node:util';
import { mintToken } from './mint-token';
import { ROLES, type Role } from './roles';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--tenant <producer, buyer or carrier id>] [--subject <name>] [--ttl-hours <n>]
The secret is read from AUTH_JWT_SECRET (and the issuer from AUTH_JWT_ISSUER, default "simpul").`;

function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      tenant: { type: 'string' },
      subject: { type: 'string', default: 'local-developer' },
      'ttl-hours': { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const secret = process.env['AUTH_JWT_SECRET'];
  if (!secret) throw new Error('AUTH_JWT_SECRET is not set');
  if (!values.role) throw new Error('--role is required');
  const ttlHours = Number(values['ttl-hours']);
  if (!(ttlHours > 0)) throw new Error('--ttl-hours takes a positive number');
  console.log(
    mintToken({
      secret,
      issuer: process.env['AUTH_JWT_ISSUER'],
      role: values.role as Role,
      subject: values.subject ?? 'local-developer',
      tenantId: values.tenant,
      expiresIn: Math.round(ttlHours * 3600),
    }),
  );
}

try {
  main();
} catch (error) {
  console.error(`token: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
