import { AlertChanged, createEnvelope } from '@simpul/contracts';
import { appendToOutbox, type OutboxRecord, toOutboxRecord } from '@simpul/persistence';
import type { EntityManager } from 'typeorm';
import type { AlertTransition } from '../../domain/monitoring/pricing-types';

/** Saves alert transitions and announces each on pricing.alerts.v1. */
export class AlertRecorder {
  private readonly outbox: OutboxRecord[] = [];
  private readonly pending: { transition: AlertTransition; at: number }[] = [];

  constructor(private readonly manager: EntityManager) {}

  add(transitions: readonly AlertTransition[], at: number): void {
    for (const transition of transitions) this.pending.push({ transition, at });
  }

  async flush(): Promise<void> {
    for (const { transition, at } of this.pending) await this.save(transition, new Date(at));
    await appendToOutbox(this.manager, this.outbox);
  }

  private async save(transition: AlertTransition, at: Date): Promise<void> {
    const { alert, message } = transition;
    const { key } = alert;
    if (transition.kind === 'raised') {
      await this.manager.query(
        `INSERT INTO alerts (alert_id, rule, commodity_code, level, region, tier, value, status, message, raised_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $9)`,
        [
          alert.alertId,
          alert.rule,
          key.commodityCode,
          key.level,
          key.region,
          alert.tier,
          alert.value,
          message,
          at,
        ],
      );
    } else if (transition.kind === 'resolved') {
      await this.manager.query(
        "UPDATE alerts SET status = 'resolved', message = $2, updated_at = $3, resolved_at = $3 WHERE alert_id = $1",
        [alert.alertId, message, at],
      );
    } else {
      await this.manager.query(
        'UPDATE alerts SET tier = $2, value = $3, message = $4, updated_at = $5 WHERE alert_id = $1',
        [alert.alertId, alert.tier, alert.value, message, at],
      );
    }
    const data = {
      alertId: alert.alertId,
      transition: transition.kind,
      rule: alert.rule,
      commodityCode: key.commodityCode,
      level: key.level,
      region: key.region,
      tier: alert.tier,
      value: alert.value,
      message,
      at: at.toISOString(),
    };
    const envelope = createEnvelope(AlertChanged, {
      source: 'pricing',
      subject: alert.alertId,
      time: at,
      data,
    });
    this.outbox.push(toOutboxRecord(AlertChanged, envelope));
  }
}
