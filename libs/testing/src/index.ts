export { createTestSchema, testDatabaseUrl, type TestSchema } from './postgres';
export { waitFor } from './wait-for';
export {
  startBuiltProcess,
  startEmbedded,
  startService,
  type RunningProcess,
  type ServiceUrls,
} from './service-process';
export { startKafka, type KafkaBroker } from './kafka-broker';
export { agencyBearer, bearer, testToken, testSigningKey } from './auth';
