import { createDispatcher, type Dispatch } from './dispatcher.js';
import { EventBus } from './events.js';
import { createHandlers, type CoreServices } from './handlers.js';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  services: CoreServices;
}

/** Builds the core that every transport hosts: services, handlers and the validating dispatcher. */
export function createCore(): Core {
  const events = new EventBus();
  const services: CoreServices = { events };
  return { dispatch: createDispatcher(createHandlers(services)), events, services };
}
