// @vitest-environment jsdom
/**
 * The hints panel (issue 13): safety alerts first in their own group, codes as compact one-line items, and
 * "Add to A&P" writing the code on its problem's line of the assessment section.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HintInfo, NoteDraft } from '../../../renderer/src/lib/types';
import { apiModule } from '../renderer/fake-api';
import { turns } from '../renderer/fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { HintsPanel } = await import('../../../renderer/src/components/HintsPanel');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { withCode, ordered } = await import('../../../renderer/src/lib/hint-groups');

const ID = 'enc-13';
const hint = (over: Partial<HintInfo>): HintInfo => ({
  id: 'x',
  kind: 'red-flag',
  severity: 'info',
  title: 'T',
  basis: 'B',
  source: 'S',
  evidence: [1],
  ...over,
});
const items: HintInfo[] = [
  hint({
    id: 'diagnosis-code-1',
    kind: 'diagnosis-code',
    title: 'I10 Essential (primary) hypertension',
    codes: ['I10'],
    problem: 'hypertension',
  }),
  hint({ id: 'missing-documentation-1', kind: 'missing-documentation', title: 'Chest pain without an ECG documented' }),
  hint({ id: 'drug-interaction-1', kind: 'drug-interaction', severity: 'warning', title: 'Lisinopril + meloxicam' }),
  hint({
    id: 'red-flag-1',
    kind: 'red-flag',
    severity: 'critical',
    title: 'Chest pain with features of an acute coronary syndrome',
  }),
];
const draft: NoteDraft = {
  template: 'outpatient',
  note: '',
  sections: [
    {
      id: 'ap',
      title: 'ASSESSMENT AND PLAN',
      sentences: [
        { text: 'Hypertension, well controlled.', evidence: [3], supported: true },
        { text: 'Continue lisinopril 20 mg daily.', evidence: [3], supported: true },
      ],
    },
  ],
};

beforeEach(() => {
  useHints.setState({ byId: { [ID]: { items, decisions: {}, loading: false, error: null } } });
  useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), turns, draft } } });
});
afterEach(cleanup);

describe('hints panel groups (issue 13)', () => {
  it('lists safety alerts first in their own group, then documentation, then codes', () => {
    render(<HintsPanel encounterId={ID} />);
    const groups = within(screen.getByRole('list', { name: 'Open hints' }))
      .getAllByRole('heading', { level: 3 })
      .filter((h) => h.className.includes('hint-group-title'))
      .map((h) => h.textContent);
    expect(groups).toEqual(['Safety alerts (2)', 'Documentation (1)', 'Diagnosis codes (1)']);
    const safety = within(screen.getByRole('list', { name: 'Safety alerts' })).getAllByTestId('hint');
    expect(safety[0]!.textContent).toContain('acute coronary syndrome');
    expect(safety[1]!.textContent).toContain('Lisinopril + meloxicam');
  });

  it('shows a code as one compact line whose "Add to A&P" puts the code on the problem\'s line', () => {
    render(<HintsPanel encounterId={ID} />);
    const line = within(screen.getByRole('list', { name: 'Diagnosis codes' })).getByTestId('hint');
    expect(line.className).toContain('hint-code');
    // One line: the code and its actions; the basis is its tooltip, not a paragraph.
    expect(within(line).getByRole('heading', { level: 4 }).textContent).toBe('I10 Essential (primary) hypertension');
    expect(line.querySelector('p')).toBeNull();
    expect(line.getAttribute('title')).toBe('B');
    fireEvent.click(within(line).getByRole('button', { name: 'Add to A&P' }));
    expect(useVisit.getState().byId[ID]!.edits.ap).toBe(
      'Hypertension, well controlled (ICD-10-CM I10). Continue lisinopril 20 mg daily.',
    );
    expect(useHints.getState().byId[ID]!.decisions['diagnosis-code-1']?.status).toBe('accepted');
  });

  it('"Add to A&P" waits for a drafted note', () => {
    useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), turns } } });
    render(<HintsPanel encounterId={ID} />);
    const line = within(screen.getByRole('list', { name: 'Diagnosis codes' })).getByTestId('hint');
    expect((within(line).getByRole('button', { name: 'Add to A&P' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('withCode', () => {
  it("adds the code after the problem's sentence, once, or as a new line when no line names it", () => {
    expect(withCode('Knee pain. Osteoarthritis of the left elbow, PT.', 'M19.022', 'x', 'osteoarthritis')).toBe(
      'Knee pain. Osteoarthritis of the left elbow, PT (ICD-10-CM M19.022).',
    );
    expect(withCode('Already I10.', 'I10', 'x', 'hypertension')).toBe('Already I10.');
    expect(withCode('Plan: rest.', 'E11.9', 'E11.9 Type 2 diabetes', 'diabetes')).toBe(
      'Plan: rest.\nDiabetes (ICD-10-CM E11.9).',
    );
  });

  it('orders by group, then severity', () => {
    expect(ordered(items).map((h) => h.id)).toEqual([
      'red-flag-1',
      'drug-interaction-1',
      'missing-documentation-1',
      'diagnosis-code-1',
    ]);
  });
});
