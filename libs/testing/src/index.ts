export { createTestSchema, testDatabaseUrl, type TestSchema } from './postgres';
export { waitFor } from './wait-for';
