import { events, isEventName, type EventName } from './contract.js';
import type { EventPayload } from './types.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fan-out of contract events from the core to every connected transport. Payloads are validated on the way out. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    if (!isEventName(name)) throw new Error(`Unknown event ${String(name)}`);
    const checked = events[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }
}
