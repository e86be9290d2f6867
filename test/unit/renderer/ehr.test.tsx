// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ehrStatus, fakeApi } from './fake-api';
import { draft, encounter, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useSignOff } = await import('../../../renderer/src/store/signoff');

const ID = 'enc-ehr';
const context = {
  patient: { id: 'p1', name: 'Test Patient', birthDate: null, gender: null },
  context: { allergies: [{ substance: 'penicillin' }], medications: [{ name: 'metformin' }], labs: { egfr: 25 } },
  observations: [],
  counts: {},
  fetchedAt: new Date().toISOString(),
};

beforeEach(() => {
  useAppStore.setState({ storeUnlocked: true });
  useSignOff.setState({ byId: {}, notices: {} });
  useHints.setState({ byId: {}, contexts: {} });
  useVisit.setState({
    byId: { [ID]: { ...emptyWorkspace(), transcript: '[patient] i take metformin.', turns, draft } },
  });
  useEncounters.setState({ items: [encounter(ID, { status: 'drafted' })] });
  for (const f of Object.values(fakeApi)) if (typeof f === 'function' && 'mockClear' in f) f.mockClear();
});
afterEach(cleanup);

describe('EHR panel', () => {
  it('is absent while the store is locked', () => {
    useAppStore.setState({ storeUnlocked: false });
    render(<DraftPanel encounterId={ID} />);
    expect(screen.queryByRole('region', { name: 'EHR' })).toBeNull();
  });

  it('connects through ehr.launch with the server address', async () => {
    render(<DraftPanel encounterId={ID} />);
    const address = await screen.findByLabelText('FHIR server address');
    fireEvent.change(address, { target: { value: 'https://ehr.example/fhir' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(fakeApi['ehr.launch']).toHaveBeenCalledWith({ iss: 'https://ehr.example/fhir' }));
    expect(await screen.findByRole('button', { name: 'Load patient context' })).toBeTruthy();
  });

  it('loads the patient context into the hints, and sends only a signed note', async () => {
    fakeApi['ehr.status'].mockResolvedValue(ehrStatus(true));
    fakeApi['ehr.context'].mockResolvedValue(context);
    fakeApi['ehr.send'].mockResolvedValue({
      encounterId: 7,
      noteId: 2,
      state: 'sent',
      fhirId: 'doc-9',
      attempts: 1,
      message: null,
      nextAttemptAt: null,
    });
    render(<DraftPanel encounterId={ID} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Load patient context' }));
    await screen.findByText('Patient context loaded; the hints now use it.');
    expect(fakeApi['ehr.context']).toHaveBeenCalledWith({ encounterId: 7 });
    expect(screen.getByText('penicillin')).toBeTruthy();
    expect(screen.getByText('egfr 25')).toBeTruthy();
    expect(fakeApi['hints.compute']).toHaveBeenLastCalledWith(
      expect.objectContaining({ context: context.context, transcript: '[patient] i take metformin.' }),
    );

    const send = screen.getByRole('button', { name: 'Send to EHR' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    await waitFor(() => expect(send.disabled).toBe(false));
    fireEvent.click(send);
    await screen.findByText('Sent to the EHR (document doc-9).');
    expect(fakeApi['ehr.send']).toHaveBeenCalledWith({ encounterId: 7 });
  });
});
