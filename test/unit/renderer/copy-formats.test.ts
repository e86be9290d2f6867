/** The two clipboard formats (issue 17): rich (plain text + HTML with headings and lists) and plain for EHR fields. */
import { describe, expect, it } from 'vitest';
import {
  bodyHtml,
  clipboardText,
  ehrBody,
  sectionsText,
  toEhrPlain,
  toHtml,
  toPlain,
  type NoteSectionText,
} from '../../../renderer/src/lib/note-text';
import { draft } from './fixtures';

const note: NoteSectionText[] = [
  { id: 'cc', title: 'Chief complaint', body: 'Cough for 2 weeks.' },
  {
    id: 'ros',
    title: 'REVIEW OF SYSTEMS',
    body: '• Respiratory: Endorses cough.\n• Constitutional: Denies fever.',
  },
  { id: 'social', title: 'SOCIAL HISTORY', body: 'Not discussed.' },
  {
    id: 'plan',
    title: 'ASSESSMENT AND PLAN',
    body: 'Pneumonia.\n• Medical Treatment: Start doxycycline 100 mg twice a day.\u00a0 \n\n\n\n* Follow up in one week.',
  },
  { id: 'exam', title: 'PHYSICAL EXAMINATION', body: '  ' },
];

describe('plain text for EHR fields', () => {
  it('uses hyphen bullets, drops the placeholder line and empty sections, keeps the words', () => {
    expect(toEhrPlain(note)).toBe(
      'CHIEF COMPLAINT\nCough for 2 weeks.\n\n' +
        'REVIEW OF SYSTEMS\n- Respiratory: Endorses cough.\n- Constitutional: Denies fever.\n\n' +
        'ASSESSMENT AND PLAN\nPneumonia.\n- Medical Treatment: Start doxycycline 100 mg twice a day.\n\n' +
        '- Follow up in one week.',
    );
  });

  it('leaves hyphens inside a line and negative numbers alone, and normalises line endings', () => {
    expect(ehrBody('Sodium 135 - 145.\r\n-5 degrees.\r\n– En dash item\r\nNot discussed')).toBe(
      'Sodium 135 - 145.\n-5 degrees.\n- En dash item',
    );
    expect(ehrBody('Not discussed.')).toBe('');
  });

  it('never contains the rich format’s bullet or HTML', () => {
    const { plain, html } = clipboardText(note, 'plain', { headings: true });
    expect(html).toBeUndefined();
    expect(plain).not.toMatch(/[•<>]/);
    expect(plain).not.toMatch(/Not discussed/);
  });
});

describe('the rich format', () => {
  it('keeps today’s plain text (the signed fingerprint) and adds HTML with headings and lists', () => {
    const { plain, html } = clipboardText(note, 'rich', { headings: true });
    expect(plain).toBe(toPlain(note));
    expect(plain).toContain('REVIEW OF SYSTEMS\n• Respiratory: Endorses cough.');
    expect(html).toBe(toHtml(note));
    expect(html).toContain(
      '<h3>REVIEW OF SYSTEMS</h3><ul><li>Respiratory: Endorses cough.</li><li>Constitutional: Denies fever.</li></ul>',
    );
    expect(html).toContain(
      '<h3>ASSESSMENT AND PLAN</h3><p>Pneumonia.</p><ul><li>Medical Treatment: Start doxycycline 100 mg twice a day.',
    );
    expect(html).not.toContain('PHYSICAL EXAMINATION');
  });

  it('escapes every character that could become markup, in lists too', () => {
    expect(bodyHtml('• a < b & "c"\n• <script>x</script>')).toBe(
      '<ul><li>a &lt; b &amp; &quot;c&quot;</li><li>&lt;script&gt;x&lt;/script&gt;</li></ul>',
    );
    expect(bodyHtml('line one\nline two\n• item\nafter')).toBe(
      '<p>line one<br>line two</p><ul><li>item</li></ul><p>after</p>',
    );
  });
});

describe('one section: the body without its heading', () => {
  const hpi = sectionsText(draft.sections, {}).filter((s) => s.id === 'hpi');

  it('rich: body text and body HTML, no heading', () => {
    const { plain, html } = clipboardText(hpi, 'rich', { headings: false });
    expect(plain).toBe('The patient denies fever. Fatigue is reported. Chest X-ray was normal.');
    expect(html).toBe('<p>The patient denies fever. Fatigue is reported. Chest X-ray was normal.</p>');
  });

  it('plain: the EHR body only', () => {
    const ros = note.filter((s) => s.id === 'ros');
    expect(clipboardText(ros, 'plain', { headings: false })).toEqual({
      plain: '- Respiratory: Endorses cough.\n- Constitutional: Denies fever.',
    });
    expect(clipboardText([note[2]!], 'plain', { headings: false }).plain).toBe('');
  });
});
