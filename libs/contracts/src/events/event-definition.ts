import type { TopicDefinition } from '../topics/topic-registry';

export type PayloadClass<T> = new () => T;

/** One event type at one version: its payload schema, topic and partition key. */
export interface EventDefinition<T extends object = object> {
  type: string;
  version: number;
  topic: TopicDefinition;
  payload: PayloadClass<T>;
  /** The partition key, derived from the payload so that producers cannot get it wrong. */
  key: (payload: T) => string;
  description: string;
}

/** Keeps the literal type name, so that handlers can be typed by it. */
export function defineEvent<T extends object, K extends string>(
  definition: EventDefinition<T> & { type: K },
): EventDefinition<T> & { type: K } {
  return Object.freeze(definition);
}
