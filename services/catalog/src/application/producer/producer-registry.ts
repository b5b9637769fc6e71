import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  type EventDefinition,
  ProducerRegistered,
  type ProducerStatusChangedV1,
  ProducerSuspended,
  ProducerVerified,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Producer,
  ProducerRuleViolation,
  type RegisterProducerInput,
  registerProducer,
  suspendProducer,
  verifyProducer,
} from '../../domain/producer/producer';
import { producerToDomain, producerToOrm } from '../../infrastructure/persistence/producer.mapper';
import { ProducerOrmEntity } from '../../infrastructure/persistence/producer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

const UNIQUE_VIOLATION = '23505';

function ruleError(error: unknown): never {
  if (error instanceof ProducerRuleViolation) {
    const status = error.rule === 'TRANSITION_NOT_ALLOWED' ? 409 : 400;
    throw new AppError(`${CATALOG_ERRORS.producerRulePrefix}${error.rule}`, error.message, status);
  }
  throw error;
}

/** Registers producers and moves them between pending, active and suspended, with events through the outbox. */
@Injectable()
export class ProducerRegistry {
  constructor(private readonly dataSource: DataSource) {}

  async register(input: Omit<RegisterProducerInput, 'id'>): Promise<Producer> {
    let producer: Producer;
    try {
      producer = registerProducer({ ...input, id: uuidv7() }, new Date());
    } catch (error) {
      ruleError(error);
    }
    const envelope = createEnvelope(ProducerRegistered, {
      source: 'catalog',
      subject: producer.id,
      data: {
        producerId: producer.id,
        nib: producer.nib,
        businessName: producer.businessName,
        kecamatan: producer.kecamatan,
        categories: producer.categories,
        registeredAt: producer.registeredAt.toISOString(),
      },
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(ProducerOrmEntity, producerToOrm(producer));
        await appendToOutbox(manager, [toOutboxRecord(ProducerRegistered, envelope)]);
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new AppError(
          CATALOG_ERRORS.producerExists,
          `a producer with NIB ${producer.nib} is already registered`,
          409,
        );
      }
      throw error;
    }
    return producer;
  }

  async verify(id: string, reason: string | null, actor: Principal): Promise<Producer> {
    return this.transition(id, ProducerVerified, actor, (producer) =>
      verifyProducer(producer, reason),
    );
  }

  async suspend(id: string, reason: string, actor: Principal): Promise<Producer> {
    return this.transition(id, ProducerSuspended, actor, (producer) =>
      suspendProducer(producer, reason),
    );
  }

  /**
   * The producer, or a 404. `lock` holds its row until the caller's transaction ends: 'write' for a
   * status change, 'read' for a publication, so that the two never interleave.
   */
  async require(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock?: 'read' | 'write',
  ): Promise<Producer> {
    const mode = lock === 'write' ? ('pessimistic_write' as const) : ('pessimistic_read' as const);
    const row = await manager.findOne(ProducerOrmEntity, {
      where: { id },
      ...(lock ? { lock: { mode } } : {}),
    });
    if (!row) throw new AppError(CATALOG_ERRORS.producerNotFound, `no producer ${id}`, 404);
    return producerToDomain(row);
  }

  async list(): Promise<Producer[]> {
    const rows = await this.dataSource.manager.find(ProducerOrmEntity, {
      order: { registeredAt: 'ASC' },
    });
    return rows.map(producerToDomain);
  }

  private async transition(
    id: string,
    event: EventDefinition<ProducerStatusChangedV1>,
    actor: Principal,
    decide: (producer: Producer) => Producer,
  ): Promise<Producer> {
    return this.dataSource.transaction(async (manager) => {
      let next: Producer;
      try {
        next = decide(await this.require(id, manager, 'write'));
      } catch (error) {
        ruleError(error);
      }
      await manager.update(
        ProducerOrmEntity,
        { id },
        { status: next.status, statusReason: next.statusReason },
      );
      const data: ProducerStatusChangedV1 = {
        producerId: id,
        status: next.status as 'active' | 'suspended',
        ...(next.statusReason ? { reason: next.statusReason } : {}),
        changedBy: actor.subject,
      };
      await appendToOutbox(manager, [
        toOutboxRecord(event, createEnvelope(event, { source: 'catalog', subject: id, data })),
      ]);
      return next;
    });
  }
}
