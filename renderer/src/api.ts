/**
 * The renderer's single way to reach the core. In Electron the preload provides `window.bedside` (IPC); in a plain
 * browser (dev host, end-to-end tests) the same bridge is built over the loopback WebSocket with the per-run token
 * from the page URL. Both give `Reply` envelopes; `makeApi` turns them into a typed client that throws `ApiFailure`.
 */
import type { ApiErrorShape, BedsideApi, BedsideBridge, EventName, Reply } from '../../core/api/types';

declare global {
  interface Window {
    bedside?: BedsideBridge;
  }
}

export class ApiFailure extends Error {
  constructor(
    readonly method: string,
    readonly error: ApiErrorShape,
  ) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

type Listener = (payload: unknown) => void;

/** A bridge over the dev host's WebSocket. Requests made before the socket opens are queued. */
export function webSocketBridge(url: string): BedsideBridge {
  const ws = new WebSocket(url);
  let nextId = 1;
  const pending = new Map<number, (reply: Reply) => void>();
  const listeners = new Map<string, Set<Listener>>();
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('Cannot connect to the Bedside dev host.')), { once: true });
  });
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; reply?: Reply; event?: string; payload?: unknown };
    if (msg.event) for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    else if (typeof msg.id === 'number' && msg.reply) {
      pending.get(msg.id)?.(msg.reply);
      pending.delete(msg.id);
    }
  });
  ws.addEventListener('close', () => {
    for (const done of pending.values())
      done({ ok: false, error: { code: 'unavailable', message: 'The connection to Bedside was lost.' } });
    pending.clear();
  });
  const call = async (method: string, params: unknown): Promise<Reply> => {
    await opened;
    const id = nextId++;
    return new Promise<Reply>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  };
  const on = (event: EventName, listener: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  return new Proxy({} as BedsideBridge, {
    get: (_t, name) => (name === 'on' ? on : (params: unknown) => call(String(name), params ?? {})),
  });
}

export function makeApi(bridge: BedsideBridge): BedsideApi {
  return new Proxy({} as BedsideApi, {
    get(_t, name) {
      if (name === 'on') return bridge.on.bind(bridge);
      if (typeof name !== 'string' || name === 'then') return undefined;
      return async (params: unknown) => {
        const fn = (bridge as unknown as Record<string, (p: unknown) => Promise<Reply>>)[name];
        if (typeof fn !== 'function')
          throw new ApiFailure(name, { code: 'unknown_method', message: `Unknown method ${name}` });
        const reply = await fn(params ?? {});
        if (reply.ok) return reply.result;
        throw new ApiFailure(name, reply.error);
      };
    },
  });
}

function devHostBridge(): BedsideBridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketBridge(`${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`);
}

export const transportName: 'ipc' | 'websocket' = window.bedside ? 'ipc' : 'websocket';
export const api: BedsideApi = makeApi(window.bedside ?? devHostBridge());
