import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The A&P of a visit given as tagged lines, one line per note line. */
const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN')).split('\n');
};
const headings = (ap: string[]) => ap.slice(1).filter((l) => l && !l.startsWith('•'));

describe('A&P problem boundaries', () => {
  it('a problem list dictated item by item heads one block per item', () => {
    const ap = plan([
      '[doctor] how have you been feeling?',
      '[patient] pretty good, my breathing is better since you changed my water pill.',
      '[doctor] your lungs sound clear and there is no swelling in your legs.',
      '[doctor] all right, assessment and plan.',
      '[doctor] chronic chf. she had an exacerbation of chf earlier in the spring. we switched her to torsemide and she is doing a lot better. labs checked and creatinine is appropriate.',
      '[doctor] uh number 2, pre-op examination. she is having a right knee replacement at the end of june. no family history of colon cancer.',
      '[doctor] uh the next one is diabetes. a1c is 5.1 on the last check. she may need another one prior to her surgery next month though.',
    ]);
    const hs = headings(ap);
    expect(hs.some((h) => /heart failure/i.test(h))).toBe(true);
    expect(hs).toContain('Pre-op examination.');
    expect(hs).toContain('Diabetes.');
    // The knee replacement is under the pre-op examination, not the heart failure.
    const preop = ap.indexOf('Pre-op examination.');
    expect(ap.findIndex((l) => /knee replacement/.test(l))).toBeGreaterThan(preop);
    expect(ap.filter((l) => /^Pre-op examination\./.test(l.replace(/^• Medical Reasoning: /, '')))).toHaveLength(1);
  });

  it('a problem named only as what the treatment clears is not a new problem', () => {
    const ap = plan([
      '[doctor] what brings you in?',
      '[patient] i keep getting sick every time i move hay on the farm, coughing and short of breath.',
      '[doctor] on your lung exam you do have some fine rales.',
      "[doctor] let me tell you about my assessment and plan for your first problem of recurrent lung infections your symptoms seem consistent with a condition we call hypersensitivity pneumonitis. i'm gonna prescribe you a course of an oral steroid.",
      '[patient] is this gonna help so i do not keep getting sick?',
      "[doctor] so i think this is the best course of action to deal with these infections and to clear up the pneumonia so what we're gonna do is treat your current infection.",
    ]);
    const hs = headings(ap);
    expect(hs.join(' ')).not.toMatch(/pneumonia\./i);
    expect(hs).toContain('Recurrent lung infections.');
    // The diagnosis the doctor names is the assessment, without the opener the heading states.
    const reasoning = ap.find((l) => /hypersensitivity pneumonitis/.test(l)) ?? '';
    expect(reasoning).toMatch(/^• Medical Reasoning: /);
    expect(reasoning).not.toMatch(/first problem/i);
  });
});
