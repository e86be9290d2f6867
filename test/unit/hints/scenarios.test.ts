/**
 * Short visits written like real ones, with the hints a clinician would expect (and nothing else that is not a
 * diagnosis code). Overall recall must be >= 90 % and false alarms <= 10 %, as the issue targets.
 */
import { describe, expect, it } from 'vitest';
import type { Hint } from '../../../core/hints/index.js';
import { hintsFor } from './helpers.js';

interface Expect {
  kind: Hint['kind'];
  /** Every listed drug must be in hint.drugs. */
  drugs?: string[];
  title?: RegExp;
  severity?: Hint['severity'];
}
interface Scenario {
  name: string;
  text: string;
  context?: Parameters<typeof hintsFor>[1];
  expect: Expect[];
}

const S: Scenario[] = [
  {
    name: 'warfarin patient given naproxen',
    text: `[doctor] what brings you in?
[patient] my back has been killing me since i moved furniture.
[doctor] are you still on the coumadin for your afib?
[patient] yes, 5 milligrams every evening. i get my inr checked at the coumadin clinic.
[doctor] okay. for the back strain i'll have you take naproxen 500 mg twice a day for a week.`,
    expect: [{ kind: 'drug-interaction', drugs: ['naproxen', 'warfarin'], severity: 'warning' }],
  },
  {
    name: 'stopped warfarin, no interaction',
    text: `[patient] i was on warfarin but they stopped it last year after the ablation.
[doctor] good. you can take ibuprofen 400 mg for the sprain.`,
    expect: [],
  },
  {
    name: "relative's warfarin",
    text: `[patient] my husband takes warfarin so i know about blood thinners.
[doctor] sure. for your knee, ibuprofen 400 mg three times a day with food.`,
    expect: [],
  },
  {
    name: 'ACE inhibitor plus spironolactone',
    text: `[doctor] you're on lisinopril 40 mg for blood pressure.
[patient] yes.
[doctor] with the heart failure i want to add spironolactone 25 mg daily. we'll check your potassium in a week.`,
    expect: [{ kind: 'drug-interaction', drugs: ['lisinopril', 'spironolactone'] }],
  },
  {
    name: 'SSRI and tramadol',
    text: `[patient] i take zoloft 100 mg for depression.
[doctor] for the pain i'll prescribe tramadol 50 mg every 6 hours as needed. on a scale of 1 to 10 it's an 8, and you can't work?
[patient] right, i can't work.`,
    expect: [{ kind: 'drug-interaction', drugs: ['sertraline', 'tramadol'] }],
  },
  {
    name: 'nitrate and PDE5',
    text: `[patient] i use nitroglycerin under the tongue for chest pain sometimes, and i take imdur every morning. my ekg last month was fine.
[doctor] and you wanted something for erectile dysfunction. i'll prescribe sildenafil.`,
    expect: [
      { kind: 'drug-interaction', drugs: ['isosorbide mononitrate', 'sildenafil'], severity: 'critical' },
      { kind: 'drug-interaction', drugs: ['nitroglycerin', 'sildenafil'], severity: 'critical' },
    ],
  },
  {
    name: 'methotrexate and Bactrim',
    text: `[patient] i take methotrexate 15 mg once a week for my rheumatoid arthritis. no allergies.
[doctor] for the urinary tract infection i'll send in bactrim ds twice a day for three days.`,
    expect: [
      { kind: 'drug-interaction', drugs: ['methotrexate', 'sulfamethoxazole-trimethoprim'], severity: 'critical' },
    ],
  },
  {
    name: 'penicillin allergy and amoxicillin',
    text: `[doctor] any allergies to medications?
[patient] penicillin. i broke out in hives as a kid.
[doctor] okay. for the ear infection i'm going to prescribe amoxicillin 500 mg three times a day.`,
    expect: [{ kind: 'allergy-conflict', drugs: ['amoxicillin'], severity: 'critical' }],
  },
  {
    name: 'NKDA and amoxicillin',
    text: `[doctor] any drug allergies?
[patient] no known drug allergies.
[doctor] okay, amoxicillin 875 mg twice a day for ten days for the sinusitis.`,
    expect: [],
  },
  {
    name: 'sulfa allergy and furosemide',
    text: `[patient] i'm allergic to sulfa drugs, i got a rash.
[doctor] noted. for the swelling we'll start furosemide 20 mg daily.`,
    expect: [],
  },
  {
    name: 'severe hypertension',
    text: `[doctor] your blood pressure today is 192 over 124.
[patient] i ran out of my amlodipine a week ago.`,
    expect: [{ kind: 'abnormal-vital', title: /blood pressure/, severity: 'critical' }],
  },
  {
    name: 'hypoxia and fever',
    text: `[doctor] your oxygen saturation is 89 percent on room air and your temperature is 101.8.
[patient] i've had this cough for a week.`,
    expect: [
      { kind: 'abnormal-vital', title: /oxygen/ },
      { kind: 'abnormal-vital', title: /Fever/ },
    ],
  },
  {
    name: 'normal vitals',
    text: `[doctor] blood pressure 128 over 78, heart rate 72, oxygen 98 percent, temperature 98.6. all good.`,
    expect: [],
  },
  {
    name: 'metformin with low eGFR in the record',
    text: `[patient] i take metformin 1000 mg twice a day.
[doctor] let's keep checking your sugars.`,
    context: { labs: { egfr: 27 } },
    expect: [{ kind: 'renal-dose', drugs: ['metformin'], severity: 'critical' }],
  },
  {
    name: 'nitrofurantoin at low creatinine clearance',
    text: `[doctor] your creatinine clearance is 24. no allergies, right?
[patient] right, none.
[doctor] for the bladder infection i'll prescribe macrobid 100 mg twice a day.`,
    expect: [{ kind: 'renal-dose', drugs: ['nitrofurantoin'] }],
  },
  {
    name: 'thunderclap headache',
    text: `[patient] i was lifting weights and suddenly got the worst headache of my life.
[doctor] when did that start?
[patient] about two hours ago.`,
    expect: [{ kind: 'red-flag', title: /headache/, severity: 'critical' }],
  },
  {
    name: 'headache advice only',
    text: `[patient] i get tension headaches after work.
[doctor] if you ever have the worst headache of your life, go to the emergency room.`,
    expect: [],
  },
  {
    name: 'suicidal ideation on screening',
    text: `[doctor] have you had any thoughts of ending your life?
[patient] yes, sometimes, when it gets really bad at night.`,
    expect: [{ kind: 'red-flag', title: /Suicidal/, severity: 'critical' }],
  },
  {
    name: 'screening negative',
    text: `[doctor] any thoughts of hurting yourself?
[patient] no, never.
[doctor] good. your mood sounds better on the sertraline.`,
    expect: [],
  },
  {
    name: 'cauda equina symptoms',
    text: `[patient] my lower back pain got worse and now i have numbness between my legs.
[patient] and yesterday i lost control of my bladder.`,
    expect: [{ kind: 'red-flag', title: /cauda equina/ }],
  },
  {
    name: 'exertional chest pain without ECG',
    text: `[patient] i get a pressure in my chest when i walk up the hill to my house. it goes away when i rest.
[doctor] how long has that been happening?
[patient] about a month.`,
    expect: [
      { kind: 'red-flag', title: /exertion/ },
      { kind: 'missing-documentation', title: /ECG/ },
    ],
  },
  {
    name: 'pregnancy with bleeding',
    text: `[patient] i'm about seven weeks pregnant and i started bleeding this morning with some cramping.`,
    expect: [{ kind: 'red-flag', title: /pregnancy/ }],
  },
  {
    name: 'opioid without assessment',
    text: `[patient] no allergies.
[doctor] i'll give you a prescription for percocet 5/325, one every 6 hours as needed for the fracture pain.`,
    expect: [{ kind: 'missing-documentation', title: /Opioid/ }],
  },
  {
    name: 'antibiotic without allergy status',
    text: `[doctor] the rapid strep is positive. i'll prescribe penicillin v 500 mg twice a day for ten days.`,
    expect: [{ kind: 'missing-documentation', title: /allergy/ }],
  },
  {
    name: 'duplicate NSAIDs',
    text: `[patient] i take meloxicam 15 mg every day for arthritis.
[doctor] for the gout flare let's add indomethacin 50 mg three times a day.`,
    expect: [{ kind: 'duplicate-therapy', drugs: ['indomethacin', 'meloxicam'] }],
  },
  {
    name: 'context allergy and cephalexin',
    text: `[doctor] for the cellulitis i'll start keflex 500 mg four times a day.`,
    context: { allergies: [{ substance: 'amoxicillin', reaction: 'hives' }] },
    expect: [{ kind: 'allergy-conflict', drugs: ['cephalexin'], severity: 'warning' }],
  },
  {
    name: 'refuted allergy in the record',
    text: `[patient] they told me i'm allergic to penicillin.
[doctor] i'll start amoxicillin.`,
    context: { allergies: [{ substance: 'penicillin', status: 'refuted' }] },
    expect: [],
  },
  {
    name: 'QT combination',
    text: `[patient] i take citalopram 20 mg. no allergies.
[doctor] for the pneumonia i'm going to prescribe azithromycin, a z-pak.`,
    expect: [{ kind: 'drug-interaction', drugs: ['azithromycin', 'citalopram'] }],
  },
  {
    name: 'statin and clarithromycin',
    text: `[patient] i'm on simvastatin 40 mg at night. i don't have any allergies.
[doctor] for the h pylori we'll use clarithromycin twice a day.`,
    expect: [{ kind: 'drug-interaction', drugs: ['clarithromycin', 'simvastatin'], severity: 'critical' }],
  },
  {
    name: 'lithium and hydrochlorothiazide',
    text: `[patient] i take lithium for bipolar, my level was fine last month.
[doctor] your blood pressure is 150 over 95, so i'll start hydrochlorothiazide 25 mg daily.`,
    expect: [{ kind: 'drug-interaction', drugs: ['hydrochlorothiazide', 'lithium'] }],
  },
];

function matches(h: Hint, e: Expect): boolean {
  if (h.kind !== e.kind) return false;
  if (e.drugs && !e.drugs.every((d) => h.drugs?.includes(d))) return false;
  if (e.title && !e.title.test(h.title)) return false;
  if (e.severity && h.severity !== e.severity) return false;
  return true;
}

describe('scenario set', () => {
  const results = S.map((s) => {
    const hints = hintsFor(s.text, s.context).filter((h) => h.kind !== 'diagnosis-code');
    const found = s.expect.filter((e) => hints.some((h) => matches(h, e)));
    const extra = hints.filter((h) => !s.expect.some((e) => matches(h, e)));
    return { s, hints, found, extra };
  });

  it.each(results.map((r) => [r.s.name, r] as const))('%s', (_name, r) => {
    expect(r.found.length, `missed: ${JSON.stringify(r.s.expect.filter((e) => !r.found.includes(e)))}`).toBe(
      r.s.expect.length,
    );
    expect(
      r.extra.map((h) => `${h.kind}: ${h.title}`),
      'unexpected hints',
    ).toEqual([]);
  });

  it('meets the recall and false-alarm targets overall', () => {
    const expected = results.reduce((n, r) => n + r.s.expect.length, 0);
    const found = results.reduce((n, r) => n + r.found.length, 0);
    const shown = results.reduce((n, r) => n + r.hints.length, 0);
    const extra = results.reduce((n, r) => n + r.extra.length, 0);
    expect(found / expected).toBeGreaterThanOrEqual(0.9);
    expect(extra / Math.max(1, shown)).toBeLessThanOrEqual(0.1);
  });
});
