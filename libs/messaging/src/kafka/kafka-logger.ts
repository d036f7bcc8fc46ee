import { logLevel, type logCreator, type LogEntry } from 'kafkajs';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export const KAFKA_LOG_LEVELS: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const LEVEL_NAMES: Record<number, string> = {
  [logLevel.ERROR]: 'ERROR',
  [logLevel.WARN]: 'WARN',
  [logLevel.INFO]: 'INFO',
  [logLevel.DEBUG]: 'DEBUG',
};

export type LogSink = (line: string) => void;

export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * kafkajs logs JSON objects to stdout by default, at INFO, which buries a service's own
 * output. This one writes one plain line per entry to a sink (stderr by default); the
 * level is filtered by kafkajs itself from the client's `logLevel`.
 */
export function lineLogCreator(sink: LogSink = stderrSink): logCreator {
  return () =>
    ({ namespace, level, label, log }: LogEntry) => {
      const { message, timestamp, logger: _logger, stack: _stack, ...extra } = log;
      const name = LEVEL_NAMES[level] ?? label;
      sink(`${timestamp} ${name} [kafkajs${namespace ? `:${namespace}` : ''}] ${message}${formatExtra(extra)}`);
    };
}

function formatExtra(extra: Record<string, unknown>): string {
  if (Object.keys(extra).length === 0) return '';
  try {
    return ` ${JSON.stringify(extra)}`;
  } catch {
    return '';
  }
}
