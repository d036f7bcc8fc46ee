import type { Command } from '../command';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "recompute an event store's hash chain; name the first event altered, removed or inserted",
  // Loaded on use: the database driver would slow every other command's start.
  run: async (args, io) => (await import('./verify-run')).runVerify(args, io),
};
