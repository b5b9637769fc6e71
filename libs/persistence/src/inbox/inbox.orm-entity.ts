import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per event a consumer has applied, written in the same transaction as the effect. */
@Entity({ name: 'inbox' })
export class InboxOrmEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'integer' })
  partition: number;

  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}
