import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * Prometheus metrics of the event backbone, on prom-client's default registry (the one the
 * platform's `/metrics` serves). Topic labels are logical names: the same dashboards work for
 * every deployment prefix.
 */
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const messagingMetrics = {
  get produced() {
    return once(
      'simpul_events_produced_total',
      () =>
        new Counter({
          name: 'simpul_events_produced_total',
          help: 'Events published to Kafka (acknowledged by the broker), by topic',
          labelNames: ['topic'],
        }),
    );
  },
  get consumed() {
    return once(
      'simpul_events_consumed_total',
      () =>
        new Counter({
          name: 'simpul_events_consumed_total',
          help: 'Events a consumer group took from Kafka, by topic and outcome (applied, duplicate, skipped, dead_lettered)',
          labelNames: ['group', 'topic', 'outcome'],
        }),
    );
  },
  get handlerSeconds() {
    return once(
      'simpul_event_handler_duration_seconds',
      () =>
        new Histogram({
          name: 'simpul_event_handler_duration_seconds',
          help: 'Time to apply one chunk of events in its inbox transaction, by consumer group and topic',
          labelNames: ['group', 'topic'],
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        }),
    );
  },
  get deadLettered() {
    return once(
      'simpul_dead_letters_total',
      () =>
        new Counter({
          name: 'simpul_dead_letters_total',
          help: 'Messages sent to a dead-letter topic, by original topic and error code',
          labelNames: ['topic', 'code'],
        }),
    );
  },
  get consumerCrashes() {
    return once(
      'simpul_consumer_crashes_total',
      () =>
        new Counter({
          name: 'simpul_consumer_crashes_total',
          help: 'Times the Kafka client stopped a consumer group on an error, by group and by who restarts it (kafkajs, or simpul when kafkajs gives up)',
          labelNames: ['group', 'restarted_by'],
        }),
    );
  },
  get lag() {
    return once(
      'simpul_consumer_lag_messages',
      () =>
        new Gauge({
          name: 'simpul_consumer_lag_messages',
          help: 'Messages behind the partition end after the last batch, by consumer group, topic and partition',
          labelNames: ['group', 'topic', 'partition'],
        }),
    );
  },
};
