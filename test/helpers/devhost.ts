/** The in-process dev host for unit tests: started on a fresh core and the test renderer, closed after each test. */
import { afterEach } from 'vitest';
import { createCore } from '../../core/api/index.js';
import { startDevHost, type DevHost, type DevHostOptions } from '../../core/devhost/server.js';

/**
 * For the enclosing file or describe: a function that starts a dev host (createCore() and test/fixtures/renderer
 * unless `opts` says otherwise); every host it started is closed after the test. A start that is refused throws as
 * startDevHost does.
 */
export function useDevHost(): (opts?: Partial<DevHostOptions>) => Promise<DevHost> {
  const started: DevHost[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.close()));
  });
  return async (opts = {}) => {
    const host = await startDevHost({ core: createCore(), staticDir: 'test/fixtures/renderer', ...opts });
    started.push(host);
    return host;
  };
}
