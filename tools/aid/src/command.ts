/** Where a command writes; the real process streams, or buffers in tests. */
export interface Io {
  /** Must be done with the bytes when it returns: commands reuse their buffers. */
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
}

export interface Command {
  readonly name: string;
  /** One line for `aid --help`. */
  readonly summary: string;
  /** Returns the exit status. */
  run(args: readonly string[], io: Io): Promise<number>;
}
