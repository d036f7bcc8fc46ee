/** Injection tokens: Nest providers reach the runtime's parts through these. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const PG_POOL = Symbol('PG_POOL');
