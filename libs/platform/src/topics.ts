import { TOPIC_NAMES } from '@aid/contracts';

/** Each service publishes its events on one topic of its own; agencies subscribe to them. */
export const TOPICS = TOPIC_NAMES;
export type ServiceName = keyof typeof TOPICS;
