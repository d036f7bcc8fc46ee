export { Relay, type RelayOptions } from './relay';
export { asStored, publicMapping, toEnvelope, type OutgoingEvent, type ToPublic } from './to-envelope';
