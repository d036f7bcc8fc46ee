export { Relay, type RelayOptions, type RelayStatus } from './relay';
export { asStored, publicMapping, toEnvelope, type OutgoingEvent, type ToPublic } from './to-envelope';
