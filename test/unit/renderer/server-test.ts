/**
 * The clinic server's connection test as a settings section runs it (ServerSettingsParts' ServerTest), for component
 * tests: the API's answer programmed, Test connection pressed, the request checked, and the steps the live region
 * reads out.
 */
import { fireEvent, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import type { Result } from '../../../core/api/types';
import { fakeApi } from './fake-api';

type TestMethod = 'engines.testServer' | 'engines.testTranscriptionServer';
type TestResult = Result<TestMethod>;

/** A connection test's answer: connected, no steps, no models, no key (stored or used); `over` says what differs. */
export const serverTestResult = (over: Partial<TestResult> = {}): TestResult => ({
  ok: true,
  message: 'Connected.',
  checks: [],
  models: [],
  keyStored: false,
  keyUsed: 'none',
  ms: 5,
  ...over,
});

/**
 * Presses Test connection in `scope` with `method` answering `result`; waits for the request to be `sent` and returns
 * the live region (data-testid server-test) the outcome is read out in.
 */
export async function testConnection(
  scope: HTMLElement,
  method: TestMethod,
  result: TestResult,
  sent: Record<string, unknown>,
): Promise<HTMLElement> {
  fakeApi[method].mockResolvedValueOnce(result);
  fireEvent.click(within(scope).getByRole('button', { name: 'Test connection' }));
  await waitFor(() => expect(fakeApi[method]).toHaveBeenCalledWith(sent));
  return within(scope).getByTestId('server-test');
}

/** The steps the live region reads out, one line a step (it must be a polite live region). */
export async function connectionSteps(live: HTMLElement): Promise<(string | null)[]> {
  expect(live.getAttribute('aria-live')).toBe('polite');
  const steps = await within(live).findByRole('list', { name: 'Connection test steps' });
  return within(steps)
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}
