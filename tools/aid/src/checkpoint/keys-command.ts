import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Command } from '../command';
import { parseFlags } from '../verify/flags';

export const KEYS_USAGE = `Usage: aid keys generate --private-key FILE --public-key FILE

Makes an Ed25519 key pair for signing checkpoints, as PEM (PKCS#8 and SPKI). The private
file is written readable by its owner only; neither file may exist already.
`;

export const keysCommand: Command = {
  name: 'keys',
  summary: 'make an Ed25519 key pair for signing checkpoints',
  async run(args, io) {
    const fail = (message: string): number => {
      io.stderr(`aid keys: ${message}\n${KEYS_USAGE.split('\n')[0]}\n`);
      return 2;
    };
    const [action, ...rest] = args;
    if (action === '--help' || action === '-h') {
      io.stdout(KEYS_USAGE);
      return 0;
    }
    if (action !== 'generate')
      return fail(action === undefined ? 'no action given (generate)' : `unknown action "${action}" (generate)`);
    const parsed = parseFlags(rest, ['private-key', 'public-key'] as const);
    if (parsed.kind === 'help') {
      io.stdout(KEYS_USAGE);
      return 0;
    }
    if (parsed.kind === 'usage-error') return fail(parsed.message);
    const { flags } = parsed;
    if (flags['private-key'] === undefined) return fail('no --private-key given (the file to write it to)');
    if (flags['public-key'] === undefined) return fail('no --public-key given (the file to write it to)');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    for (const [flag, file, pem, mode] of [
      ['--private-key', flags['private-key'], privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600],
      ['--public-key', flags['public-key'], publicKey.export({ type: 'spki', format: 'pem' }), 0o644],
    ] as const) {
      try {
        writeFileSync(file, pem, { flag: 'wx', mode });
      } catch (err) {
        return fail(`${flag}: cannot write ${file}: ${(err as Error).message}`);
      }
    }
    io.stdout(`wrote ${flags['private-key']} (private) and ${flags['public-key']} (public)\n`);
    return 0;
  },
};
