import type { EventName, EventPayload } from '../../src-shared/api';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Main → renderer events. Emitted only after the transaction that caused them commits. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch (e) {
        console.error('event listener failed', e);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
