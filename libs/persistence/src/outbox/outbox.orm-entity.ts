import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be (or already) published, written in the same transaction as the change it announces. */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished_idx', ['seq'], { where: 'published_at IS NULL' })
export class OutboxOrmEntity {
  /** Publication order: the relay publishes in seq order, so events of one key stay in order. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'event_version', type: 'integer' })
  eventVersion: number;

  /** The envelope exactly as it will be published. */
  @Column({ type: 'text' })
  value: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
