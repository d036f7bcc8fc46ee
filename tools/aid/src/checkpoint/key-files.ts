import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A key or checkpoint file that cannot be used: the message names the flag. */
export class FlagFileError extends Error {}

function read(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new FlagFileError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
  }
}

export function readPrivateKey(flag: string, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(read(flag, file));
  } catch (err) {
    if (err instanceof FlagFileError) throw err;
    throw new FlagFileError(`${flag}: ${file} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new FlagFileError(`${flag}: ${file} is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

export function readPublicKey(flag: string, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(read(flag, file));
  } catch (err) {
    if (err instanceof FlagFileError) throw err;
    throw new FlagFileError(`${flag}: ${file} is not a PEM public key`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new FlagFileError(`${flag}: ${file} is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** The file's JSON, unchecked (verifyCheckpoint checks it), or why it is no JSON at all. */
export function readCheckpointFile(flag: string, file: string): { json: unknown } | { problem: string } {
  const text = read(flag, file);
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { problem: `(file): ${file} is not JSON` };
  }
}
