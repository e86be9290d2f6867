// @vitest-environment jsdom
/** Issue 17: hand edits survive a template change ("Keep my edits"), moved to the equivalent section or shown. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi } from './fake-api';
import { turns } from './fixtures';
import type { NoteDraft } from '../../../renderer/src/lib/types';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { mapEdits } = await import('../../../renderer/src/lib/edit-map');

const ID = 'enc-t';
const section = (id: string, title: string, text: string) => ({
  id,
  title,
  sentences: [{ text, evidence: [1], supported: true }],
});
const outpatient: NoteDraft = {
  template: 'outpatient',
  note: '',
  sections: [
    section('cc', 'CHIEF COMPLAINT', 'Cough.'),
    section('hpi', 'HISTORY OF PRESENT ILLNESS', 'Cough for a week.'),
    section('pmh', 'PAST MEDICAL HISTORY', 'Asthma.'),
    section('exam', 'PHYSICAL EXAMINATION', 'Clear lungs.'),
    section('ap', 'ASSESSMENT AND PLAN', 'Viral cough.'),
  ],
};
const soap: NoteDraft = {
  template: 'soap',
  note: '',
  sections: [
    section('subjective', 'SUBJECTIVE', 'Cough for a week.'),
    section('ros', 'REVIEW OF SYSTEMS', 'No fever.'),
    section('objective', 'OBJECTIVE', 'Clear lungs.'),
    section('assessment', 'ASSESSMENT', 'Viral cough.'),
    section('plan', 'PLAN', 'Fluids.'),
  ],
};

beforeEach(() => {
  useAppStore.setState({ storeUnlocked: false, expanded: true });
  useVisit.setState({
    byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft: outpatient, templateId: 'outpatient' } },
  });
  fakeApi['note.draft'].mockReset();
  fakeApi['note.draft'].mockResolvedValue(soap);
});
afterEach(cleanup);

const edit = (title: string, text: string) => {
  fireEvent.click(screen.getByRole('button', { name: `Edit ${title}` }));
  fireEvent.change(screen.getByLabelText(`${title} text`), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: `Done editing ${title}` }));
};

describe('changing the template after editing by hand', () => {
  it('"Keep my edits" moves them to the equivalent SOAP sections and shows the ones with no equivalent', async () => {
    render(<DraftPanel encounterId={ID} />);
    await screen.findByRole('option', { name: 'SOAP note' });
    edit('HISTORY OF PRESENT ILLNESS', 'My history.');
    edit('PHYSICAL EXAMINATION', 'My exam.');
    edit('ASSESSMENT AND PLAN', 'My plan.');
    edit('PAST MEDICAL HISTORY', 'My PMH.');
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'soap' } });
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep my edits' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'SUBJECTIVE' })).toBeTruthy());
    expect(fakeApi['note.draft']).toHaveBeenLastCalledWith({
      transcript: 'x',
      template: 'soap',
      operationId: expect.any(String),
    });
    const text = (id: string) => document.querySelector(`[data-section="${id}"] .note-text`)?.textContent;
    expect(text('subjective')).toBe('My history.');
    expect(text('objective')).toBe('My exam.');
    expect(text('assessment')).toBe('My plan.');
    expect(text('plan')).toBe('Fluids.'); // drafted: the A&P edit went to ASSESSMENT only
    // The PMH edit has no SOAP section: it stays on screen, labelled, until discarded.
    const block = screen.getByRole('region', { name: 'Edits not placed' });
    expect(within(block).getByText('My PMH.')).toBeTruthy();
    expect(within(block).getByText('From PAST MEDICAL HISTORY')).toBeTruthy();
    expect(screen.getByText('1 hand edit is not placed in the note (see Edits not placed).')).toBeTruthy();
    fireEvent.click(within(block).getByRole('button', { name: 'Discard the edit from PAST MEDICAL HISTORY' }));
    expect(screen.queryByRole('region', { name: 'Edits not placed' })).toBeNull();
  });

  it('"Replace my edits" drops them on purpose, and nothing is left unplaced', async () => {
    render(<DraftPanel encounterId={ID} />);
    await screen.findByRole('option', { name: 'SOAP note' });
    edit('PAST MEDICAL HISTORY', 'My PMH.');
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'soap' } });
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace my edits' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'SUBJECTIVE' })).toBeTruthy());
    expect(useVisit.getState().byId[ID]!.edits).toEqual({});
    expect(screen.queryByRole('region', { name: 'Edits not placed' })).toBeNull();
  });
});

describe('mapEdits', () => {
  it('joins edits landing on one section, maps back from SOAP, and keeps same-id edits', () => {
    expect(mapEdits({ exam: 'E.', ap: 'P.', ros: 'R.' }, outpatient.sections, soap.sections)).toEqual({
      edits: { objective: 'E.', assessment: 'P.', ros: 'R.' },
      unplaced: [],
    });
    const both = mapEdits({ assessment: 'A.', plan: 'P.', cc: 'C.' }, soap.sections, outpatient.sections);
    expect(both.edits).toEqual({ ap: 'A.\n\nP.', cc: 'C.' });
    // With no complaint section, the complaint goes to the history, after it.
    expect(mapEdits({ cc: 'C.', hpi: 'H.' }, outpatient.sections, soap.sections).edits).toEqual({
      subjective: 'C.\n\nH.',
    });
    expect(mapEdits({ pmh: 'M.' }, outpatient.sections, soap.sections).unplaced).toEqual([
      { id: 'pmh', title: 'PAST MEDICAL HISTORY', text: 'M.' },
    ]);
  });
});
