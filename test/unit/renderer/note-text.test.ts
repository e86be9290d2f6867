import { describe, expect, it } from 'vitest';
import { joinSentences, sectionsText, toHtml, toPlain } from '../../../renderer/src/lib/note-text';
import { draft } from './fixtures';

describe('note text for the EHR', () => {
  it('joins sentences, starting drafted list items on their own line', () => {
    expect(joinSentences(['A.', 'B.'])).toBe('A. B.');
    expect(joinSentences(['• Constitutional: fatigue.', '• Respiratory: cough.'])).toBe(
      '• Constitutional: fatigue.\n• Respiratory: cough.',
    );
  });

  it('uses manual edits in place of drafted sentences and skips empty sections', () => {
    const s = sectionsText(draft.sections, { cc: 'Edited complaint.', hpi: '  ' });
    expect(toPlain(s)).toBe('CHIEF COMPLAINT\nEdited complaint.');
  });

  it('escapes HTML and keeps line breaks in the rich text', () => {
    const html = toHtml([{ id: 'x', title: 'A & B', body: 'x < y\nline two\n\nnext <b>para</b>' }]);
    expect(html).toBe('<h3>A &amp; B</h3><p>x &lt; y<br>line two</p><p>next &lt;b&gt;para&lt;/b&gt;</p>');
  });
});
