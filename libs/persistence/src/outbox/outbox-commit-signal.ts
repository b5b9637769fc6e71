/*
 * Tells the outbox relay of this process that outbox rows were committed, so that it publishes
 * them within its wake gap instead of at its next poll. Only a hint: the relay still polls, so a
 * commit made by another process (another instance, a migration, psql) waits for the next poll.
 */
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

type Listener = () => void;

/** Marks a query runner whose open transaction appended to the outbox. */
const APPENDED = 'simpul.outboxAppended';

const listeners = new WeakMap<DataSource, Set<Listener>>();

function notify(dataSource: DataSource): void {
  for (const listener of listeners.get(dataSource) ?? []) listener();
}

/** Fires the listeners once the outermost transaction that appended to the outbox has committed. */
class OutboxCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A released savepoint is not a commit: wait for the outermost transaction.
    if (queryRunner.isTransactionActive || !queryRunner.data[APPENDED]) return;
    delete queryRunner.data[APPENDED];
    notify(queryRunner.dataSource);
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) delete queryRunner.data[APPENDED];
  }
}

/**
 * Calls `listener` after each commit on `dataSource` whose transaction appended to the outbox.
 * Returns the function that stops it.
 */
export function onOutboxCommit(dataSource: DataSource, listener: Listener): () => void {
  let set = listeners.get(dataSource);
  if (!set) {
    set = new Set();
    listeners.set(dataSource, set);
    dataSource.subscribers.push(new OutboxCommitSubscriber());
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Called by `appendToOutbox` after its insert. */
export function outboxAppended(manager: EntityManager): void {
  const runner: QueryRunner | undefined = manager.queryRunner;
  if (runner?.isTransactionActive) runner.data[APPENDED] = true;
  else notify(manager.dataSource);
}
