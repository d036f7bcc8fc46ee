import path from 'node:path';
import { EMBEDDED_KEY_DIR, ROLES, isRole, readSigningKey, signToken } from '@aid/auth';
import type { Command } from '../command';
import { parseFlags } from '../verify/flags';

export const TOKEN_USAGE = `Usage: aid token --role ROLE [--region R] [--township T] [--facility F] [--agency A] [--subject S] [--hours H] [--key FILE]

Prints a bearer token signed with embedded mode's local key (written by \`npm start\`,
default ${path.join(EMBEDDED_KEY_DIR, 'signing-key.json')}), for calling its services:
  curl -H "Authorization: Bearer $(npm run --silent aid -- token --role auditor)" URL
Roles: ${ROLES.join(', ')}. A token without --region acts in every region.
`;

export const tokenCommand: Command = {
  name: 'token',
  summary: "print a demo bearer token signed with embedded mode's key",
  async run(args, io) {
    const fail = (message: string): number => {
      io.stderr(`aid token: ${message}\n${TOKEN_USAGE.split('\n')[0]}\n`);
      return 2;
    };
    const parsed = parseFlags(args, [
      'role',
      'region',
      'township',
      'facility',
      'agency',
      'subject',
      'hours',
      'key',
    ] as const);
    if (parsed.kind === 'help') {
      io.stdout(TOKEN_USAGE);
      return 0;
    }
    if (parsed.kind === 'usage-error') return fail(parsed.message);
    const { role, region, township, facility, agency, subject, hours, key } = parsed.flags;
    if (!isRole(role)) return fail(`--role must be one of ${ROLES.join(', ')}`);
    if (role === 'hospital' && !facility)
      return fail('--facility is needed for a hospital (the facility id it acts for)');
    if (role === 'township' && !township)
      return fail('--township is needed for a township (its name, as in addresses)');
    const ttlHours = hours === undefined ? 8 : Number(hours);
    if (!Number.isInteger(ttlHours) || ttlHours < 1 || ttlHours > 24)
      return fail('--hours must be a whole number 1-24');
    const keyFile = key ?? path.join(EMBEDDED_KEY_DIR, 'signing-key.json');
    let signingKey;
    try {
      signingKey = readSigningKey(keyFile);
    } catch (err) {
      return fail(`cannot read the signing key ${keyFile} (is \`npm start\` running?): ${(err as Error).message}`);
    }
    const token = signToken(
      signingKey,
      {
        sub: subject ?? `demo-${role}`,
        role,
        agency: agency ?? `demo ${role}`,
        ...(region ? { region } : {}),
        ...(township ? { township } : {}),
        ...(facility ? { facility } : {}),
      },
      { ttlSeconds: ttlHours * 3600 },
    );
    io.stdout(`${token}\n`);
    return 0;
  },
};
