// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { EncounterList } = await import('../../../renderer/src/components/EncounterList');
const { useEncounters, filterEncounters } = await import('../../../renderer/src/store/encounters');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { explain } = await import('../../../renderer/src/lib/errors');

beforeEach(() => {
  useEncounters.setState({ items: [], query: '', activeId: null });
  useAppStore.setState({ screen: 'encounters' });
});
afterEach(cleanup);

describe('encounters list and new encounter', () => {
  it('creates an encounter with consent recorded, and opens it', () => {
    render(<EncounterList />);
    expect(screen.getByText('No encounters yet today.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.change(screen.getByLabelText('Patient label (optional)'), { target: { value: 'Bed 4' } });
    fireEvent.click(screen.getByLabelText('The patient agreed to this visit being recorded'));
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    const [e] = useEncounters.getState().items;
    expect(e).toMatchObject({ label: 'Bed 4', consent: true, status: 'new' });
    expect(e!.consentAt).toMatch(/^\d{4}-/);
    expect(useEncounters.getState().activeId).toBe(e!.id);
    expect(useAppStore.getState().screen).toBe('encounter');
  });

  it('without consent the encounter is created with consent not given', () => {
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    expect(useEncounters.getState().items[0]).toMatchObject({ consent: false, consentAt: null });
  });

  it('searches by label, MRN and status', () => {
    const a = useEncounters.getState().create({ label: 'Bed 4', mrn: '123', consent: true });
    useEncounters.getState().create({ label: 'Clinic room 2', mrn: '999', consent: false });
    useEncounters.getState().setStatus(a.id, 'signed');
    const items = useEncounters.getState().items;
    expect(filterEncounters(items, 'bed').map((e) => e.label)).toEqual(['Bed 4']);
    expect(filterEncounters(items, '999').map((e) => e.label)).toEqual(['Clinic room 2']);
    expect(filterEncounters(items, 'signed').map((e) => e.label)).toEqual(['Bed 4']);
    render(<EncounterList />);
    fireEvent.change(screen.getByLabelText('Search by patient, MRN or status'), { target: { value: 'clinic' } });
    const list = screen.getByRole('list', { name: 'Encounters' });
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([expect.stringContaining('Clinic room 2')]);
  });
});

describe('errors in words', () => {
  it('says what failed and what to do, without echoing internals', () => {
    expect(explain(new ApiFailure('x', { code: 'locked', message: 'db locked' }), 'save the note')).toBe(
      'Could not save the note. Bedside is locked. Unlock it with your passphrase to continue.',
    );
    expect(
      explain(
        new ApiFailure('x', { code: 'internal', message: 'Internal error in x (reference ab12cd34).' }),
        'draft the note',
      ),
    ).toMatch(/^Could not draft the note\. Something went wrong inside Bedside\..*\(reference ab12cd34\)$/);
    expect(explain(new TypeError('secret detail'), 'draft the note')).not.toContain('secret');
  });
});
