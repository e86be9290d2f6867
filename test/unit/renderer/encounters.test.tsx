// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { EncounterList } = await import('../../../renderer/src/components/EncounterList');
const { useEncounters, filterEncounters, byDay, mrnProblem, MRN_PATTERN } = await import(
  '../../../renderer/src/store/encounters'
);
const { MRN_PATTERN: CORE_MRN_PATTERN } = await import('../../../core/store/types.js');
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

describe('where encounters are kept', () => {
  it('says there is no store yet on a fresh install (not "locked"), and offers to set it up', () => {
    const lock = vi.fn();
    useAppStore.setState({ storeUnlocked: false, storeExists: false, lock });
    render(<EncounterList />);
    expect(screen.getByText(/there is no encrypted store on this computer yet/)).toBeTruthy();
    expect(screen.queryByText(/store is locked/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Set up the store' }));
    expect(lock).toHaveBeenCalledWith('open');
    cleanup();
    useAppStore.setState({ storeExists: true });
    render(<EncounterList />);
    expect(screen.getByText(/the encrypted store is locked/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Unlock the store' })).toBeTruthy();
  });
});

describe('MRN on a new encounter', () => {
  it('is kept (trimmed) with the encounter and shown in the list', () => {
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.change(screen.getByLabelText('Patient label (optional)'), { target: { value: 'Bed 4' } });
    fireEvent.change(screen.getByLabelText('MRN (optional)'), { target: { value: ' 00-123/4.5 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    expect(useEncounters.getState().items[0]).toMatchObject({ label: 'Bed 4', mrn: '00-123/4.5' });
    const list = screen.getByRole('list', { name: 'Encounters' });
    expect(within(list).getByRole('button').textContent).toContain('MRN 00-123/4.5');
  });

  it('a malformed MRN keeps the form open with the problem in words, tied to the field', () => {
    render(<EncounterList />);
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    const field = screen.getByLabelText('MRN (optional)');
    fireEvent.change(field, { target: { value: 'MRN 12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    expect(useEncounters.getState().items).toHaveLength(0);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('The MRN may hold only letters, digits, “-”, “/” and “.” (no spaces).');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    expect(useEncounters.getState().items[0]!.mrn).toBe('12');
  });

  it('follows the same rule as the API', () => {
    expect(MRN_PATTERN.source).toBe(CORE_MRN_PATTERN.source);
    expect(mrnProblem('')).toBeNull();
    expect(mrnProblem('  A-1/2.3 ')).toBeNull();
    expect(mrnProblem('x'.repeat(33))).toMatch(/too long/);
    expect(mrnProblem('a#1')).toMatch(/only letters, digits/);
  });
});

describe('today and earlier', () => {
  const at = (daysAgo: number, hour = 9) => {
    const d = new Date();
    d.setDate(d.getDate() - daysAgo);
    d.setHours(hour, 30, 0, 0);
    return d.toISOString();
  };
  const item = (id: string, label: string, startedAt: string, over: Record<string, unknown> = {}) => ({
    id,
    label,
    mrn: '',
    consent: true,
    consentAt: null,
    startedAt,
    status: 'drafted' as const,
    storeId: Number(id.replace(/\D/g, '')),
    ...over,
  });

  it('lists today’s under “Today’s encounters” and older ones under “Earlier”, newest first', () => {
    useEncounters.setState({
      items: [
        item('s1', 'Old visit', at(3)),
        item('s2', 'Morning visit', at(0, 8)),
        item('s3', 'Yesterday visit', at(1), { mrn: 'Y-1', interrupted: true }),
        item('s4', 'Noon visit', at(0, 12)),
      ],
    });
    render(<EncounterList />);
    expect(screen.getByRole('heading', { name: 'Today’s encounters' })).toBeTruthy();
    const names = (name: string) =>
      within(screen.getByRole('list', { name }))
        .getAllByRole('button')
        .filter((b) => b.classList.contains('list-item'))
        .map((b) => b.querySelector('.list-title')!.textContent);
    expect(names('Encounters')).toEqual(['Noon visit', 'Morning visit']);
    expect(screen.getByRole('heading', { name: 'Earlier' })).toBeTruthy();
    expect(names('Earlier encounters')).toEqual(['Yesterday visit', 'Old visit']);
    const earlier = screen.getByRole('list', { name: 'Earlier encounters' });
    expect(within(earlier).getAllByRole('button')[0]!.textContent).toContain('MRN Y-1');
    // An interrupted recording from an earlier day can still be recovered.
    expect(within(earlier).getByRole('button', { name: 'Recover recording of Yesterday visit' })).toBeTruthy();
  });

  it('only earlier ones: today says so; search looks through both and says when nothing matches', () => {
    useEncounters.setState({ items: [item('s1', 'Old visit', at(2), { mrn: 'Q-7' })] });
    render(<EncounterList />);
    expect(screen.getByText('No encounters yet today.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search by patient, MRN or status'), { target: { value: 'q-7' } });
    expect(screen.getByText('None of today’s encounters match the search.')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Earlier encounters' })).getAllByRole('button')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Search by patient, MRN or status'), { target: { value: 'zzz' } });
    expect(screen.getByText('No encounters match the search.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Earlier' })).toBeNull();
  });

  it('splits on the local calendar day', () => {
    const now = new Date(2026, 0, 15, 0, 5);
    const justBefore = new Date(2026, 0, 14, 23, 55).toISOString();
    const justAfter = new Date(2026, 0, 15, 0, 1).toISOString();
    const { today, earlier } = byDay([item('a1', 'a', justBefore), item('b2', 'b', justAfter)], now);
    expect(today.map((e) => e.label)).toEqual(['b']);
    expect(earlier.map((e) => e.label)).toEqual(['a']);
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
