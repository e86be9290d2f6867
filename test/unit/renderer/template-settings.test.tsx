// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, fakeApi } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { TemplateSettings, copyId, issueWords } = await import('../../../renderer/src/components/TemplateSettings');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useVisit } = await import('../../../renderer/src/store/visit');

const soap = {
  id: 'soap',
  name: 'SOAP note',
  description: 'Subjective, objective, assessment, plan.',
  style: 'note' as const,
  kind: 'builtin' as const,
  sections: [
    { id: 'subjective', title: 'SUBJECTIVE', source: 'hpi', omitIfEmpty: true },
    { id: 'ros', title: 'REVIEW OF SYSTEMS', source: 'ros', omitIfEmpty: true },
    { id: 'plan', title: 'PLAN', source: 'plan', omitIfEmpty: true },
  ],
};
const sources = [
  { id: 'hpi', title: 'History of present illness', omitIfEmptyByDefault: true },
  { id: 'ros', title: 'Review of systems', omitIfEmptyByDefault: true },
  { id: 'plan', title: 'Plan', omitIfEmptyByDefault: true },
  { id: 'allergies', title: 'Allergies', omitIfEmptyByDefault: true },
];

let listed: unknown[];
beforeEach(() => {
  listed = [soap];
  fakeApi['note.templates'].mockReset().mockImplementation(async () => listed as never);
  fakeApi['note.templates.sources'].mockReset().mockResolvedValue(sources);
  fakeApi['note.templates.save'].mockReset();
  fakeApi['note.templates.delete'].mockReset();
  useVisit.setState({ templates: [], templatesUnlocked: null, templatesError: null });
});
afterEach(cleanup);

const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('note templates in settings', () => {
  it('lists templates read-only with a note while the store is locked, and lists again once unlocked', async () => {
    useAppStore.setState({ storeUnlocked: false });
    render(<TemplateSettings />);
    await screen.findByRole('heading', { name: 'SOAP note' });
    expect(screen.getByTestId('templates-locked').textContent).toMatch(/Unlock the encrypted store/);
    expect(screen.queryByRole('button', { name: /Duplicate/ })).toBeNull();
    // The sections in order, each with the content source that fills it.
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toContain(
        'SUBJECTIVE — History of present illness',
      ),
    );
    expect(fakeApi['note.templates']).toHaveBeenCalledTimes(1);

    listed = [soap, { ...soap, id: 'mine', name: 'Mine', kind: 'custom' }];
    act(() => useAppStore.setState({ storeUnlocked: true }));
    await screen.findByRole('heading', { name: 'Mine' });
    expect(fakeApi['note.templates']).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('templates-locked')).toBeNull();
    expect(button('Duplicate SOAP note')).toBeTruthy();
    expect(button('Delete Mine')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Delete SOAP note|Reset to built-in: SOAP/ })).toBeNull();
  });

  it('duplicates, renames, reorders, removes and adds sections with the keyboard focus kept, then saves', async () => {
    useAppStore.setState({ storeUnlocked: true });
    render(<TemplateSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Duplicate SOAP note' }));
    const form = screen.getByRole('form', { name: 'New template (a copy of “SOAP note”)' });
    const name = within(form).getByLabelText('Name');
    expect(document.activeElement).toBe(name);
    expect((name as HTMLInputElement).value).toBe('SOAP note (copy)');
    fireEvent.change(name, { target: { value: 'Short SOAP' } });
    fireEvent.change(within(form).getByLabelText('Section 1 title'), { target: { value: 'History' } });

    // PLAN up one place: focus stays on its "Move up" button.
    fireEvent.click(within(form).getByRole('button', { name: 'Move up PLAN' }));
    expect(document.activeElement).toBe(within(form).getByRole('button', { name: 'Move up PLAN' }));
    // Up again to the top: "Move up" is disabled there, so focus goes to its "Move down".
    fireEvent.click(within(form).getByRole('button', { name: 'Move up PLAN' }));
    expect(within(form).getByRole('button', { name: 'Move up PLAN' })).toHaveProperty('disabled', true);
    expect(document.activeElement).toBe(within(form).getByRole('button', { name: 'Move down PLAN' }));

    fireEvent.click(within(form).getByRole('button', { name: 'Remove REVIEW OF SYSTEMS' }));
    expect(within(form).queryByDisplayValue('REVIEW OF SYSTEMS')).toBeNull();
    // Focus went to the section now at that place (none after it: the one before).
    expect(document.activeElement).toBe(within(form).getByLabelText('Section 2 title'));

    const add = within(form).getByLabelText('Add a section filled from');
    expect(within(form).getByRole('button', { name: 'Add section' })).toHaveProperty('disabled', true);
    fireEvent.change(add, { target: { value: 'allergies' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add section' }));
    const added = within(form).getByLabelText('Section 3 title');
    expect((added as HTMLInputElement).value).toBe('Allergies');
    expect(document.activeElement).toBe(added);
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Leave out section 3 when nothing is found' }));

    fakeApi['note.templates.save'].mockImplementation(async (p: { template: unknown }) => {
      const t = p.template as typeof soap;
      listed = [soap, { ...t, kind: 'custom' }];
      return { ...t, kind: 'custom' } as never;
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save template' }));
    await screen.findByRole('heading', { name: 'Short SOAP' });
    expect(fakeApi['note.templates.save']).toHaveBeenCalledWith({
      create: true,
      template: {
        id: 'soap-copy',
        name: 'Short SOAP',
        description: soap.description,
        style: 'note',
        sections: [
          { id: 'plan', title: 'PLAN', source: 'plan', omitIfEmpty: true },
          { id: 'subjective', title: 'History', source: 'hpi', omitIfEmpty: true },
          { id: 'allergies', title: 'Allergies', source: 'allergies', omitIfEmpty: false },
        ],
      },
    });
    expect(screen.getByRole('status').textContent).toBe('Saved “Short SOAP”. The note’s template picker lists it.');
    expect(screen.queryByRole('form')).toBeNull();
    // The shared list (the note's template picker) has it too, and focus is on the new template's Edit button.
    expect(useVisit.getState().templates.map((t) => t.id)).toEqual(['soap', 'soap-copy']);
    await waitFor(() => expect(document.activeElement).toBe(button('Edit Short SOAP')));
  });

  it('shows the core’s validation issues in words, marks the field, and keeps the editor open', async () => {
    useAppStore.setState({ storeUnlocked: true });
    render(<TemplateSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit SOAP note' }));
    const form = screen.getByRole('form', { name: 'Change “SOAP note”' });
    expect(form.textContent).toContain('Your changes replace the bundled template until you reset it.');
    fireEvent.change(within(form).getByLabelText('Section 2 title'), { target: { value: ' ' } });
    fakeApi['note.templates.save'].mockRejectedValue(
      new ApiFailure('note.templates.save', {
        code: 'invalid_params',
        message: 'Invalid parameters',
        issues: [
          { path: 'template.sections.1.title', message: 'section title must not be empty' },
          { path: 'template.name', message: 'name must be at most 80 characters' },
        ],
      } as never),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Save template' }));
    const alert = await within(form).findByRole('alert');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Section 2: title must not be empty.',
      'Name must be at most 80 characters.',
    ]);
    expect(within(form).getByLabelText('Section 2 title').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    // Focus moves to the alert once it is shown (an effect after the render).
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(fakeApi['note.templates.save']).toHaveBeenCalledWith({ template: expect.objectContaining({ id: 'soap' }) });

    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(button('Edit SOAP note'));
  });

  it('deletes the clinician’s own template and resets a changed bundled one after confirming', async () => {
    useAppStore.setState({ storeUnlocked: true });
    const mine = { ...soap, id: 'mine', name: 'Mine', kind: 'custom' as const };
    const changed = { ...soap, kind: 'override' as const };
    listed = [changed, mine];
    render(<TemplateSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Mine' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toMatch(/Delete “Mine”\?/);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete template' }));
    fakeApi['note.templates.delete'].mockImplementation(async (p: { id: string }) => {
      listed = listed.filter((t) => (t as { id: string }).id !== p.id);
      return { id: p.id, restored: false };
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete template' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Mine' })).toBeNull());
    expect(fakeApi['note.templates.delete']).toHaveBeenCalledWith({ id: 'mine' });
    expect(screen.getByRole('status').textContent).toBe('Deleted “Mine”.');

    expect(screen.getByText('Changed')).toBeTruthy();
    fireEvent.click(button('Reset to built-in: SOAP note'));
    fakeApi['note.templates.delete'].mockImplementation(async (p: { id: string }) => {
      listed = [soap];
      return { id: p.id, restored: true };
    });
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Reset template' }));
    await waitFor(() => expect(screen.queryByText('Changed')).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('“SOAP note” is back to the bundled version.');
  });

  it('explains a refused delete and a locked store in words', async () => {
    useAppStore.setState({ storeUnlocked: true });
    listed = [{ ...soap, id: 'mine', name: 'Mine', kind: 'custom' }];
    render(<TemplateSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Mine' }));
    fakeApi['note.templates.delete'].mockRejectedValue(
      new ApiFailure('note.templates.delete', { code: 'locked', message: 'locked' }),
    );
    fireEvent.click(button('Delete template'));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Not changed: Could not delete the template\. Bedside is locked/,
    );
  });
});

describe('template editor helpers', () => {
  it('makes a free copy id', () => {
    expect(copyId('soap', new Set(['soap']))).toBe('soap-copy');
    expect(copyId('soap', new Set(['soap-copy', 'soap-copy-2']))).toBe('soap-copy-3');
    expect(copyId('a'.repeat(41), new Set()).length).toBeLessThanOrEqual(41);
  });

  it('names the section of a source issue', () => {
    const t = { ...soap };
    expect(issueWords({ path: 'template.sections.2.source', message: 'x' }, t).text).toBe(
      'Section 3 (“PLAN”): its content source is not one Bedside can fill.',
    );
    expect(issueWords({ path: 'template.sections', message: 'a template needs at least one section' }, t).text).toBe(
      'A template needs at least one section.',
    );
  });
});
