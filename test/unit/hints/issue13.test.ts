/**
 * Issue 13 rules on written visits: what must fire, and what must not (a relative's, denied, past, advice-only).
 */
import { describe, expect, it } from 'vitest';
import { assessedProblems, codeFor } from '../../../core/hints/codes.js';
import { knowledge } from '../../../core/hints/knowledge.js';
import { prepare } from '../../../core/hints/text.js';
import { extractFacts, parseTranscript } from '../../../core/clinical/index.js';
import { hintsFor, ofKind, visit } from './helpers.js';

const kb = knowledge();

describe('acute coronary pattern', () => {
  it('does not fire when the chest pain is denied, even with sweating and nausea', () => {
    const t = visit(
      'D: you are 64 and you smoke. any chest pain or pressure?',
      'P: no, no chest pain at all. i have been sweating at night and a bit nauseous.',
    );
    expect(ofKind(hintsFor(t), 'red-flag').filter((h) => /coronary/.test(h.title))).toEqual([]);
  });

  it("does not fire for a relative's heart attack story", () => {
    const t = visit('P: my father had crushing chest pain going down his arm with sweating and nausea before he died.');
    expect(ofKind(hintsFor(t), 'red-flag')).toEqual([]);
  });

  it('names the features it found in the basis', () => {
    const t = visit(
      'P: i have chest pressure right now and it goes into my jaw.',
      "P: i'm sweaty and short of breath.",
    );
    const h = ofKind(hintsFor(t), 'red-flag').find((x) => /coronary/.test(x.title));
    expect(h?.severity).toBe('critical');
    expect(h?.basis).toMatch(/radiation/);
    expect(h?.basis).toMatch(/sweating/);
    // The less specific chest-pain flags are superseded, not shown twice.
    expect(ofKind(hintsFor(t), 'red-flag').map((x) => x.title)).not.toContain(
      'Chest pain radiating to the arm, jaw or back',
    );
  });
});

describe('drug–disease', () => {
  it("does not read a parent's kidney disease as the patient's", () => {
    const t = visit(
      'D: anybody in the family with kidney disease?',
      'P: my mother had kidney disease and was on dialysis.',
      'D: for your knee, take ibuprofen 400 mg three times a day.',
    );
    expect(ofKind(hintsFor(t), 'drug-disease')).toEqual([]);
  });

  it('uses kidney values: NSAID with eGFR 45 in the record', () => {
    const t = visit("D: i'll start naproxen 500 mg twice a day for the gout flare.");
    expect(ofKind(hintsFor(t, { labs: { egfr: 45 } }), 'drug-disease')[0]?.basis).toMatch(/eGFR 45/);
  });

  it('does not flag a contrast study for a patient not on metformin', () => {
    const t = visit("D: i'm going to order a ct with contrast of your abdomen.");
    expect(ofKind(hintsFor(t), 'drug-disease')).toEqual([]);
  });
});

describe('allergy: considered drugs', () => {
  it('checks a drug proposed "instead of" the allergen, not the allergen replaced', () => {
    const t = visit("P: i'm allergic to sulfa.", 'D: we could try nitrofurantoin instead of bactrim.');
    const h = ofKind(hintsFor(t), 'allergy-conflict');
    expect(h.map((x) => x.drugs).flat()).not.toContain('nitrofurantoin');
  });
});

describe('medication reconciliation', () => {
  it('an intended dose change is information for updating the list', () => {
    const t = visit("D: let's increase the lisinopril to 20 mg daily.");
    const h = ofKind(
      hintsFor(t, { medications: [{ name: 'lisinopril', dose: 10, unit: 'mg' }] }),
      'medication-reconciliation',
    );
    expect(h[0]?.severity).toBe('info');
  });

  it('the same dose as the list raises nothing', () => {
    const t = visit('P: i take lisinopril 10 mg every morning.');
    expect(
      ofKind(hintsFor(t, { medications: [{ name: 'lisinopril', dose: 10, unit: 'mg' }] }), 'medication-reconciliation'),
    ).toEqual([]);
  });
});

describe('pregnancy check', () => {
  const start = "D: i'll start lisinopril 10 mg daily.";
  it('not for a woman after a hysterectomy, a man, or a 60-year-old woman', () => {
    expect(
      ofKind(hintsFor(visit('P: i had a hysterectomy in 2010.', start), { sex: 'female', age: 40 }), 'pregnancy-check'),
    ).toEqual([]);
    expect(ofKind(hintsFor(visit(start), { sex: 'male', age: 30 }), 'pregnancy-check')).toEqual([]);
    expect(ofKind(hintsFor(visit(start), { sex: 'female', age: 60 }), 'pregnancy-check')).toEqual([]);
  });

  it('is critical when a pregnancy may be under way', () => {
    const h = ofKind(
      hintsFor(visit('P: my period is late this month.', start), { sex: 'female', age: 29 }),
      'pregnancy-check',
    );
    expect(h[0]?.severity).toBe('critical');
  });
});

describe('codes for assessed problems', () => {
  const read = (text: string) => {
    const tr = parseTranscript(text);
    return { p: prepare(tr.turns), facts: extractFacts(tr) };
  };

  it('one code per assessed problem, each naming its problem', () => {
    const t = visit(
      'D: for your first problem, your right knee osteoarthritis, we will inject it.',
      'D: for your next problem, your hypertension, continue lisinopril.',
    );
    const codes = ofKind(hintsFor(t), 'diagnosis-code');
    expect(codes.map((h) => h.codes![0])).toEqual(expect.arrayContaining(['M17.11', 'I10']));
    const problems = codes.map((h) => h.problem);
    expect(new Set(problems).size).toBe(problems.length);
  });

  it('an unspecified code says what was not said', () => {
    const { p, facts } = read(visit('D: for your next problem, your diabetes, continue metformin.'));
    const a = assessedProblems(kb, p, facts).find((x) => /diabet/.test(x.name))!;
    expect(codeFor(kb, a, p.all)).toEqual({ code: 'E11.9', note: expect.stringMatching(/type was not said/) });
  });

  it('does not code a problem only named as a risk of a procedure', () => {
    const t = visit('D: for your next problem, the pituitary lesion: the risks of surgery include stroke and seizure.');
    const codes = ofKind(hintsFor(t), 'diagnosis-code').flatMap((h) => h.codes);
    expect(codes).not.toContain('I63.9');
    expect(codes).not.toContain('R56.9');
  });
});
