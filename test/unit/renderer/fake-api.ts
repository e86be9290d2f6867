/** A stand-in for renderer/src/api in component tests: every method is a vi.fn the test can program. */
import { vi } from 'vitest';

export class ApiFailure extends Error {
  constructor(
    readonly method: string,
    readonly error: { code: string; message: string },
  ) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export const fakeApi = {
  'app.info': vi.fn(),
  'note.draft': vi.fn(),
  'note.templates': vi.fn(async () => [
    { id: 'outpatient', name: 'Outpatient visit note', description: '', style: 'note', sections: [] },
    { id: 'soap', name: 'SOAP note', description: '', style: 'note', sections: [] },
  ]),
  'transcript.parse': vi.fn(),
  'hints.compute': vi.fn(async () => []),
  on: vi.fn(() => () => {}),
};

export const apiModule = () => ({ api: fakeApi, ApiFailure, transportName: 'websocket' as const });
