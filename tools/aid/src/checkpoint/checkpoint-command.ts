import type { Command } from '../command';

export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: "export a signed checkpoint of an event store's chain head, or verify one offline",
  // Loaded on use: the database driver would slow every other command's start.
  run: async (args, io) => (await import('./checkpoint-run')).runCheckpoint(args, io),
};
