import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';
import { ProducerStatusChangedV1 } from './producer-status-changed.v1';

export const ProducerVerified = defineEvent({
  type: 'catalog.producer.verified',
  version: 1,
  topic: TOPICS.catalogProducers,
  payload: ProducerStatusChangedV1,
  key: (payload: ProducerStatusChangedV1) => payload.producerId,
  description: 'A BTC operator verified (or reinstated) a producer: it may publish offers.',
});
