import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';
import { ProducerStatusChangedV1 } from './producer-status-changed.v1';

export const ProducerSuspended = defineEvent({
  type: 'catalog.producer.suspended',
  version: 1,
  topic: TOPICS.catalogProducers,
  payload: ProducerStatusChangedV1,
  key: (payload: ProducerStatusChangedV1) => payload.producerId,
  description: 'A BTC operator suspended a producer, with a reason: it may not publish offers.',
});
