import { topicConsumer, type ServiceRuntime, type Worker } from '@aid/platform';
import { applyEnrollmentEvent } from './apply-enrollment-event';
import { memberViewDdl } from './member-view.schema';

/** Claims' member view: its tables, and the consumer of enrollment's topic that fills them. */
export function registerMemberView(runtime: ServiceRuntime): Worker {
  const schema = runtime.options.schema;
  runtime.migrations.push(async (rt) => {
    await rt.pool.query(memberViewDdl(schema));
  });
  const worker = topicConsumer({
    name: 'claims.member-view',
    topic: 'aid.enrollment.v1',
    bus: runtime.bus,
    pool: runtime.pool,
    schema,
    handle: (event, client) => applyEnrollmentEvent(client, schema, event),
  });
  runtime.addWorker(worker);
  return worker;
}
