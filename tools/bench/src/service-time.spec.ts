import { parseServiceTimes, serviceTimeBetween, type ServiceTimes } from './service-time';

const scrape = (handlerSum: number, handlerCount: number, postSum: number) => `
# HELP simpul_event_handler_duration_seconds Time to apply one chunk
# TYPE simpul_event_handler_duration_seconds histogram
simpul_event_handler_duration_seconds_bucket{le="0.1",group="simpul.orders",topic="orders.matching.v1"} 3
simpul_event_handler_duration_seconds_sum{group="simpul.orders",topic="orders.matching.v1"} ${handlerSum}
simpul_event_handler_duration_seconds_count{group="simpul.orders",topic="orders.matching.v1"} ${handlerCount}
simpul_http_request_duration_seconds_sum{method="POST",route="/purchase-requests",status="202"} ${postSum}
simpul_http_request_duration_seconds_count{method="POST",route="/purchase-requests",status="202"} 10
simpul_http_request_duration_seconds_sum{method="POST",route="/purchase-requests",status="400"} 0.5
simpul_http_request_duration_seconds_count{method="POST",route="/purchase-requests",status="400"} 2
simpul_events_consumed_total{group="simpul.orders",topic="orders.matching.v1",outcome="processed"} 40
`;

describe('service time from /metrics', () => {
  it('sums each stage over its statuses and takes the difference of two snapshots', () => {
    const before: ServiceTimes = new Map();
    parseServiceTimes('orders', scrape(1, 4, 2), before);
    const after: ServiceTimes = new Map();
    parseServiceTimes('orders', scrape(4, 10, 2), after);

    expect(after.get('orders · POST /purchase-requests')).toEqual({ count: 12, seconds: 2.5 });
    expect(serviceTimeBetween(before, after)).toEqual([
      { stage: 'orders · consume orders.matching.v1', count: 6, seconds: 3, meanMs: 500 },
    ]);
  });
});
