export { Relay, type RelayOptions } from './relay';
export { toEnvelope } from './to-envelope';
