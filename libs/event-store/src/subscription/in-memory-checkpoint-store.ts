import type { CheckpointStore } from '../port';

/** For stores without a checkpoint table of their own (KurrentDB in tests) and for tests. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, string>();

  async load(subscriptionId: string): Promise<string | null> {
    return this.positions.get(subscriptionId) ?? null;
  }

  async store(subscriptionId: string, position: string): Promise<void> {
    this.positions.set(subscriptionId, position);
  }
}
