import type { EventEnvelope } from '@aid/contracts';
import { deadLetterRecord, defaultDeadLetterTopic, toDeadLetter } from '../dead-letter';
import { deliver, resolveRetryPolicy } from '../delivery';
import type { BrokerStatus, ConsumerStatus, MessageBus, RetryPolicy, SubscribeOptions, Subscription } from '../port';
import { toWireMessage } from '../wire';

export interface InProcessMessageBusOptions {
  /** Partitions of each topic (default 3). */
  partitions?: number;
  /**
   * On close, how long a handler in flight may finish (default 10 s). After that its message
   * is abandoned uncommitted, and the group redelivers it, as after a crash.
   */
  shutdownGraceMs?: number;
  /** Clock for `DeadLetter.failedAt`. */
  now?: () => Date;
  /** Where dead letters are reported (default: one line on stderr). */
  onDeadLetter?: (topic: string, reason: string) => void;
}

/** One stored record, as a broker would keep it: bytes, not objects. */
export interface InProcessRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * A MessageBus in memory, for the embedded mode (all services in one process) only.
 * It keeps Kafka's semantics where handlers can tell: values are stored as bytes and parsed
 * per delivery, one key always lands on one partition, consumer groups share partitions
 * and resume from committed offsets, delivery is asynchronous, and retries, backoff and
 * dead letters behave exactly as in the Kafka adapter (same code, ../delivery.ts).
 * Nothing survives the process.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, Group>();
  private readonly partitionCount: number;
  readonly shutdownGraceMs: number;
  readonly now: () => Date;
  readonly onDeadLetter: (topic: string, reason: string) => void;
  private nextMemberId = 1;
  private unkeyed = 0;
  private closed = false;

  constructor(options: InProcessMessageBusOptions = {}) {
    this.partitionCount = options.partitions ?? 3;
    if (!Number.isInteger(this.partitionCount) || this.partitionCount < 1) {
      throw new RangeError('partitions must be an integer >= 1');
    }
    this.shutdownGraceMs = options.shutdownGraceMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
    this.onDeadLetter =
      options.onDeadLetter ??
      ((topic, reason) => process.stderr.write(`in-process bus: dead letter on ${topic}: ${reason}\n`));
  }

  async publish(topic: string, messages: readonly EventEnvelope[]): Promise<void> {
    this.assertOpen();
    const wire = messages.map(toWireMessage);
    for (const m of wire) this.append(topic, m.key, Buffer.from(m.value, 'utf8'), m.headers);
  }

  /**
   * Stores a record as given, bytes and all, bypassing envelope checks: how tests and tools
   * put a malformed message on a topic. Not part of the port.
   */
  async publishRaw(
    topic: string,
    record: { key: string | null; value: Buffer | string | null; headers?: Record<string, string> },
  ): Promise<void> {
    this.assertOpen();
    const value = typeof record.value === 'string' ? Buffer.from(record.value, 'utf8') : record.value;
    this.append(topic, record.key, value, record.headers ?? {});
  }

  /** Every record of a topic, partition by partition (for inspection; not part of the port). */
  records(topic: string): InProcessRecord[] {
    const logs = this.topics.get(topic) ?? [];
    return logs.flatMap((log, partition) =>
      log.records.map((r, offset) => ({ topic, partition, offset: String(offset), ...r, value: copy(r.value) })),
    );
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (!options.groupId) throw new TypeError('subscribe needs a groupId');
    if (!options.topics.length) throw new TypeError('subscribe needs at least one topic');
    if (options.signal?.aborted) throw new Error('subscribe was aborted');
    const retry = resolveRetryPolicy(options.retry);
    const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
    await this.ensureTopics([...options.topics, ...options.topics.map(deadLetterTopic)]);
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = new Group(this);
      this.groups.set(options.groupId, group);
    }
    const member = new Member(this.nextMemberId++, this, group, options, retry, deadLetterTopic);
    await group.join(member);
    return member;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const t of topics) this.logs(t);
  }

  /** Memory is always there while the bus is open. */
  async status(): Promise<BrokerStatus> {
    return this.closed ? { connected: false, error: 'the bus is closed' } : { connected: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.groups.values()].map((g) => g.closeAll()));
  }

  /** The partition logs of a topic, created on first use like `auto.create.topics.enable`. */
  logs(topic: string): PartitionLog[] {
    let logs = this.topics.get(topic);
    if (!logs) {
      logs = Array.from({ length: this.partitionCount }, () => new PartitionLog());
      this.topics.set(topic, logs);
    }
    return logs;
  }

  appendDeadLetter(
    topic: string,
    record: { key: string | null; value: string; headers: Record<string, string> },
  ): void {
    this.append(topic, record.key, Buffer.from(record.value, 'utf8'), record.headers);
  }

  private append(topic: string, key: string | null, value: Buffer | null, headers: Record<string, string>): void {
    const logs = this.logs(topic);
    const partition = key === null ? this.unkeyed++ % logs.length : partitionFor(key, logs.length);
    logs[partition].append({ key, value: copy(value), headers: { ...headers } });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InProcessMessageBus is closed');
  }
}

/** FNV-1a over the key's UTF-8 bytes: stable across runs and processes (not Kafka's murmur2). */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

function copy(value: Buffer | null): Buffer | null {
  return value === null ? null : Buffer.from(value);
}

interface StoredRecord {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

class PartitionLog {
  readonly records: StoredRecord[] = [];
  private waiters: Array<() => void> = [];

  append(record: StoredRecord): void {
    this.records.push(record);
    const waiters = this.waiters;
    this.waiters = [];
    // Handlers never run inside publish: consumers wake on a later turn of the event loop.
    if (waiters.length > 0) setImmediate(() => waiters.forEach((w) => w()));
  }

  /** Resolves once a record at `offset` exists, or `signal` aborts. */
  waitFor(offset: number, signal: AbortSignal): Promise<void> {
    if (offset < this.records.length || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** A consumer group: its members, who owns which partition, and its committed offsets. */
class Group {
  readonly members: Member[] = [];
  /** Next offset to read, per topic-partition, moved only after a message is done. */
  readonly committed = new Map<string, number>();
  /** Rebalances run one at a time, as a coordinator would. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly bus: InProcessMessageBus) {}

  join(member: Member): Promise<void> {
    this.members.push(member);
    return this.rebalance();
  }

  async leave(member: Member): Promise<void> {
    const i = this.members.indexOf(member);
    if (i >= 0) this.members.splice(i, 1);
    await member.stopAll();
    await this.rebalance();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.members].map((m) => m.close()));
  }

  private rebalance(): Promise<void> {
    const run = this.queue.then(() => this.assign());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Round robin per topic over the members subscribed to it, by join order. */
  private async assign(): Promise<void> {
    const wanted = new Map<Member, Set<string>>();
    for (const m of this.members) wanted.set(m, new Set());
    const topics = new Set(this.members.flatMap((m) => m.topics));
    for (const topic of topics) {
      const subscribers = this.members.filter((m) => m.topics.includes(topic));
      const partitions = this.bus.logs(topic).length;
      for (let p = 0; p < partitions; p++) wanted.get(subscribers[p % subscribers.length])!.add(tpKey(topic, p));
    }
    // Revoked partitions are released before anyone else may take them, so no partition
    // ever has two workers: the old owner finishes (or abandons) its message first.
    await Promise.all(this.members.map((m) => m.revokeExcept(wanted.get(m)!)));
    for (const m of this.members) {
      for (const key of wanted.get(m)!) m.assign(key);
    }
  }
}

class Member implements Subscription {
  readonly topics: readonly string[];
  private readonly workers = new Map<string, PartitionWorker>();
  readonly stopping = new AbortController();
  readonly abandoning = new AbortController();
  private closing: Promise<void> | null = null;
  private current: ConsumerStatus;

  constructor(
    readonly id: number,
    readonly bus: InProcessMessageBus,
    readonly group: Group,
    readonly options: SubscribeOptions,
    readonly retry: RetryPolicy,
    readonly deadLetterTopic: (topic: string) => string,
  ) {
    this.topics = [...new Set(options.topics)];
    this.current = { state: 'running', lastError: null, since: bus.now().toISOString() };
  }

  status(): ConsumerStatus {
    return this.current;
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.current = { state: 'stopped', lastError: null, since: this.bus.now().toISOString() };
      this.closing = this.group.leave(this);
    }
    return this.closing;
  }

  async stopAll(): Promise<void> {
    this.stopping.abort();
    const grace = setTimeout(() => this.abandoning.abort(), this.bus.shutdownGraceMs);
    try {
      await this.revokeExcept(new Set());
    } finally {
      clearTimeout(grace);
      this.abandoning.abort();
    }
  }

  async revokeExcept(keep: Set<string>): Promise<void> {
    const revoked = [...this.workers].filter(([key]) => !keep.has(key));
    for (const [key] of revoked) this.workers.delete(key);
    await Promise.all(revoked.map(([, w]) => w.stop()));
  }

  assign(key: string): void {
    if (this.workers.has(key) || this.stopping.signal.aborted) return;
    const [topic, partition] = key.split('\u0000');
    const worker = new PartitionWorker(this, topic, Number(partition));
    this.workers.set(key, worker);
    worker.start();
  }
}

/** Consumes one partition for one member, in order, until revoked. */
class PartitionWorker {
  private readonly revoked = new AbortController();
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly member: Member,
    private readonly topic: string,
    private readonly partition: number,
  ) {}

  start(): void {
    this.done = this.run().catch((err: unknown) => {
      process.stderr.write(`in-process bus: consumer of ${this.topic}/${this.partition} failed: ${String(err)}\n`);
    });
  }

  stop(): Promise<void> {
    this.revoked.abort();
    return this.done;
  }

  private async run(): Promise<void> {
    const { member } = this;
    const stop = AbortSignal.any([this.revoked.signal, member.stopping.signal]);
    const log = member.bus.logs(this.topic)[this.partition];
    const key = tpKey(this.topic, this.partition);
    const fromBeginning = member.options.fromBeginning ?? true;
    let position = member.group.committed.get(key) ?? (fromBeginning ? 0 : log.records.length);
    if (!member.group.committed.has(key)) member.group.committed.set(key, position);

    // Always at least one turn of the event loop between a publish and its delivery.
    await new Promise((resolve) => setImmediate(resolve));
    while (!stop.aborted) {
      if (position >= log.records.length) {
        await log.waitFor(position, stop);
        continue;
      }
      const record = log.records[position];
      const offset = String(position);
      const outcome = await deliver(
        { topic: this.topic, partition: this.partition, offset, value: copy(record.value) },
        member.options.handler,
        member.retry,
        { stop, abandon: member.abandoning.signal },
      );
      if (outcome.kind === 'abandoned') return;
      if (outcome.kind === 'dead-letter') {
        const letter = toDeadLetter(
          {
            topic: this.topic,
            partition: this.partition,
            offset,
            key: record.key,
            value: record.value,
            headers: record.headers,
          },
          outcome.error,
          outcome.attempts,
          member.bus.now(),
        );
        const target = member.deadLetterTopic(this.topic);
        member.bus.appendDeadLetter(target, deadLetterRecord(letter, record.headers));
        member.bus.onDeadLetter(target, `${letter.error.name}: ${letter.error.message}`);
      }
      position += 1;
      member.group.committed.set(key, position);
    }
  }
}
