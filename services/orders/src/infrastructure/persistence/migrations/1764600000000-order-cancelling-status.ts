import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancelling an order takes two steps: `cancelling` while logistics decides whether the goods
 * can still stay home, then `cancelled` (or back to `in_fulfilment` when a load carrying them
 * has started loading). The order keeps the status it had, to return to if refused.
 */
export class OrderCancellingStatus1764600000000 implements MigrationInterface {
  name = 'OrderCancellingStatus1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE orders DROP CONSTRAINT orders_status_check');
    await runner.query(`
      ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
        ('confirmed', 'in_fulfilment', 'delivered', 'partially_delivered', 'closed', 'cancelling', 'cancelled'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("UPDATE orders SET status = 'confirmed' WHERE status = 'cancelling'");
    await runner.query('ALTER TABLE orders DROP CONSTRAINT orders_status_check');
    await runner.query(`
      ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
        ('confirmed', 'in_fulfilment', 'delivered', 'partially_delivered', 'closed', 'cancelled'))`);
  }
}
