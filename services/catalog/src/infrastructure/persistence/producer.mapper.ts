import type { Producer } from '../../domain/producer/producer';
import { ProducerOrmEntity } from './producer.orm-entity';

export function producerToDomain(row: ProducerOrmEntity): Producer {
  return {
    ...row,
    categories: row.categories as Producer['categories'],
    status: row.status as Producer['status'],
  };
}

export function producerToOrm(producer: Producer): ProducerOrmEntity {
  return Object.assign(new ProducerOrmEntity(), producer);
}
