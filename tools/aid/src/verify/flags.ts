/** `--name value` and `--name=value`, each at most once, from a fixed list; `--help`. */
export type Flags<F extends string> =
  | { readonly kind: 'run'; readonly flags: Partial<Record<F, string>> }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

export function parseFlags<F extends string>(args: readonly string[], allowed: readonly F[]): Flags<F> {
  const flags: Partial<Record<F, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) return usageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (!allowed.includes(name as F)) return usageError(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      return usageError(`--${name} needs a value`);
    }
    if (flags[name as F] !== undefined) return usageError(`--${name} given twice`);
    flags[name as F] = value;
  }
  return { kind: 'run', flags };
}

export function usageError(message: string): { kind: 'usage-error'; message: string } {
  return { kind: 'usage-error', message };
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** `--schema`, checked; the message names the flag. */
export function schemaFlag(value: string | undefined): { schema: string } | { message: string } {
  if (value === undefined) return { message: 'no --schema given (the service schema, e.g. claims)' };
  if (!SCHEMA.test(value)) return { message: `--schema: "${value}" is not a lower-case SQL identifier` };
  return { schema: value };
}

/** `--database-url`, else DATABASE_URL from the environment. */
export function databaseUrlFlag(
  value: string | undefined,
  env: Record<string, string | undefined>,
): { url: string } | { message: string } {
  const url = value ?? env.DATABASE_URL;
  if (url === undefined || url === '') return { message: 'no --database-url given and DATABASE_URL is not set' };
  if (!/^postgres(?:ql)?:\/\//.test(url)) return { message: `--database-url: "${url}" is not a postgres:// URL` };
  return { url };
}
