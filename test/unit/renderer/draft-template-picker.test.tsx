// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi } from './fake-api';
import { draft, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');

const ID = 'enc-1';
const tpl = (id: string, name: string, kind: string) => ({
  id,
  name,
  description: '',
  style: 'note',
  kind,
  sections: [],
});

afterEach(cleanup);

describe('the note’s template picker', () => {
  it('lists the clinician’s templates once the store is unlocked, and keeps the one in use while locked', async () => {
    const bundled = [tpl('outpatient', 'Outpatient visit note', 'builtin'), tpl('soap', 'SOAP note', 'builtin')];
    fakeApi['note.templates'].mockReset().mockResolvedValue(bundled as never);
    useAppStore.setState({ storeUnlocked: false });
    useVisit.setState({
      templates: [],
      templatesUnlocked: null,
      byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft, templateId: 'short-soap' } },
    });
    render(<DraftPanel encounterId={ID} />);
    const picker = screen.getByLabelText('Template') as HTMLSelectElement;
    await waitFor(() => expect(picker.options.length).toBe(3));
    // Locked: the clinician's template is not listed, but the picker still names the one the draft uses.
    expect([...picker.options].map((o) => o.text)).toEqual(['Outpatient visit note', 'SOAP note', 'short-soap']);
    expect(picker.value).toBe('short-soap');

    fakeApi['note.templates'].mockResolvedValue([...bundled, tpl('short-soap', 'Short SOAP', 'custom')] as never);
    act(() => useAppStore.setState({ storeUnlocked: true }));
    await waitFor(() => expect([...picker.options].map((o) => o.text)).toContain('Short SOAP'));
    expect([...picker.options].map((o) => o.text)).toEqual(['Outpatient visit note', 'SOAP note', 'Short SOAP']);
    expect(picker.value).toBe('short-soap');
    expect(fakeApi['note.templates']).toHaveBeenCalledTimes(2);
  });
});
