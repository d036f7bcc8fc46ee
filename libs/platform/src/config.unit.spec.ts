import { ConfigError, readServiceConfig } from './config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' };

describe('readServiceConfig', () => {
  it('reads the service port, schema and brokers from the environment', () => {
    const config = readServiceConfig(
      'claims',
      { ...base, CLAIMS_PORT: '4002', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094' },
      { port: 3002 },
    );
    expect(config).toEqual({
      service: 'claims',
      port: 4002,
      host: '127.0.0.1',
      databaseUrl: base.DATABASE_URL,
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9094'],
      schema: 'claims',
      topicPrefix: '',
    });
  });

  it('falls back to the default port and the in-process bus', () => {
    expect(readServiceConfig('payout', base, { port: 3003 })).toMatchObject({ port: 3003, kafkaBrokers: null });
  });

  it('names every bad setting at once', () => {
    let error: unknown;
    try {
      readServiceConfig('claims', { PORT: 'eighty', KAFKA_BROKERS: 'kafka', CLAIMS_SCHEMA: 'Bad-Name' }, { port: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'CLAIMS_PORT: "eighty" is not a port number (0-65535)',
      'DATABASE_URL: must be a postgres:// connection string',
      'KAFKA_BROKERS: "kafka" is not host:port',
      'CLAIMS_SCHEMA: "Bad-Name" is not a SQL identifier',
    ]);
  });
});
