/**
 * Written visits with the hints a clinician would expect (issue 5), plus issue 13's safety patterns and a negative
 * scenario for each false pattern seen on real visits (family history, advice, vaccination, side-effect
 * counselling, a denied symptom, a ruled-out diagnosis) and the code-specificity cases. Used by
 * test/unit/hints/scenarios.test.ts and `npm run report:hints`.
 */
import type { PatientContextInput } from '../../core/hints/context.js';
import type { Hint } from '../../core/hints/types.js';

export interface Expect {
  kind: Hint['kind'];
  /** Every listed drug must be in hint.drugs. */
  drugs?: string[];
  title?: RegExp;
  severity?: Hint['severity'];
}
export interface Scenario {
  name: string;
  text: string;
  context?: PatientContextInput;
  /** The non-code hints expected; any other non-code hint is a false alarm. */
  expect: Expect[];
  /** Codes that must be suggested. */
  expectCodes?: string[];
  /** Code prefixes that must not be suggested. */
  forbidCodes?: string[];
}

export const SCENARIOS: Scenario[] = [
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

  // ---- Issue 13: safety patterns from real visits --------------------------------------------------------------
  {
    name: 'acute coronary pattern: ongoing pressure radiating to the arm with sweating in a 60-year-old smoker',
    text: `[doctor] so you're 60 years old and you smoke about a pack a day. what brings you in?
[patient] i've had this pressure in the middle of my chest since this morning and it's still there right now.
[doctor] does it go anywhere?
[patient] it goes down my left arm. and i've been sweating and i feel sick to my stomach, kind of nauseous.
[doctor] okay.`,
    expect: [
      { kind: 'red-flag', title: /acute coronary/, severity: 'critical' },
      { kind: 'missing-documentation', title: /ECG/ },
    ],
  },
  {
    name: 'aspirin considered despite an aspirin allergy',
    text: `[patient] i'm allergic to aspirin, it gives me hives.
[doctor] with your heart history we may need to consider aspirin despite your allergy.`,
    expect: [{ kind: 'allergy-conflict', drugs: ['aspirin'], severity: 'critical' }],
  },
  {
    name: 'cephalosporin instead of penicillin in a penicillin-allergic patient',
    text: `[patient] i'm allergic to penicillin, i get a rash.
[doctor] for the strep throat we could use cephalexin instead of penicillin.`,
    expect: [{ kind: 'allergy-conflict', drugs: ['cephalexin'] }],
  },
  {
    name: 'metformin with a planned CT with contrast',
    text: `[patient] i take metformin 1000 mg twice a day for my diabetes.
[doctor] i'm going to order a ct of the abdomen with contrast to look at that pain.`,
    expect: [{ kind: 'drug-disease', drugs: ['metformin'], title: /contrast/ }],
  },
  {
    name: 'NSAID started in chronic kidney disease',
    text: `[doctor] you have chronic kidney disease stage 3, we've been following that.
[patient] yes.
[doctor] for the knee i'll start naproxen 500 mg twice a day.`,
    expect: [{ kind: 'drug-disease', drugs: ['naproxen'], title: /kidney/ }],
  },
  {
    name: 'NSAID with an anticoagulant',
    text: `[patient] i take eliquis 5 mg twice a day for my afib.
[doctor] for the back pain take ibuprofen 600 mg three times a day.`,
    expect: [{ kind: 'drug-interaction', drugs: ['apixaban', 'ibuprofen'] }],
  },
  {
    name: 'dose said today differs from the medication list',
    text: `[doctor] how are you doing on the lisinopril?
[patient] fine, i take 20 mg every morning.`,
    context: { medications: [{ name: 'lisinopril', dose: 10, unit: 'mg', perDay: 1 }] },
    expect: [{ kind: 'medication-reconciliation', drugs: ['lisinopril'], severity: 'warning' }],
  },
  {
    name: 'ACE inhibitor started for a 32-year-old woman, contraception discussed',
    text: `[doctor] so you're a 32-year-old woman and she has been on the pill? when was your last period?
[patient] about three weeks ago. i'm on birth control but i miss pills sometimes.
[doctor] your blood pressure has been high again, so i'll start lisinopril 10 mg daily.`,
    expect: [{ kind: 'pregnancy-check', drugs: ['lisinopril'] }],
  },
  {
    name: 'coughing up blood with a volume',
    text: `[patient] i've been coughing up blood, about a tablespoon each time, for two days.`,
    expect: [{ kind: 'red-flag', title: /volume/, severity: 'critical' }],
  },
  {
    name: 'stroke signs',
    text: `[patient] this morning my face was drooping on the left and my speech was slurred for about an hour.`,
    expect: [{ kind: 'red-flag', title: /neurological/, severity: 'critical' }],
  },
  {
    name: 'suicidal ideation',
    text: `[doctor] have you had any thoughts of hurting yourself?
[patient] yes, sometimes i think everyone would be better off if i was dead. i've had thoughts of killing myself.`,
    expect: [{ kind: 'red-flag', title: /suicidal/i, severity: 'critical' }],
  },
  {
    name: 'sepsis signs',
    text: `[patient] i've had fevers and chills for two days from this kidney infection and now i feel confused.
[doctor] your temperature is 39.2, heart rate 118, blood pressure 92 over 58 and respiratory rate 24.`,
    expect: [
      { kind: 'red-flag', title: /sepsis/, severity: 'critical' },
      { kind: 'abnormal-vital', title: /Fever/ },
    ],
  },
  // ---- Issue 13: the false patterns, each written as a negative scenario --------------------------------------
  {
    name: "negative: family history (a grandfather's kidney disease, dialysis and heart attack)",
    text: `[doctor] any family history?
[patient] my grandfather had kidney disease and was on dialysis, and he had a heart attack at 70.
[doctor] okay. for your knee pain i'll start ibuprofen 400 mg three times a day.`,
    expect: [],
    forbidCodes: ['N18', 'Z99.2', 'I21', 'I25'],
  },
  {
    name: 'negative: vaccination (influenza vaccine)',
    text: `[doctor] you're due for your influenza vaccination, we'll give you the flu shot today.
[patient] okay.`,
    expect: [],
    forbidCodes: ['J10', 'J11'],
  },
  {
    name: 'negative: side-effect counselling of a new drug',
    text: `[doctor] for your depression i'll start sertraline 50 mg daily.
[doctor] side effects can include anxiety, nausea, insomnia, dizziness and headache, which usually settle in two weeks.`,
    expect: [],
    expectCodes: ['F32.A'],
    forbidCodes: ['F41', 'R11', 'G47', 'R42', 'R51'],
  },
  {
    name: 'negative: denied diagnosis (not diabetic)',
    text: `[doctor] your a1c is normal, so you are not diabetic.
[patient] good.`,
    expect: [],
    forbidCodes: ['E10', 'E11', 'R73'],
  },
  {
    name: 'negative: advice (safety-netting about fever, back pain and vomiting)',
    text: `[doctor] for your sore throat, salt water gargles.
[doctor] if you get a fever, back pain or vomiting, call us or go to the er.`,
    expect: [],
    forbidCodes: ['R50', 'M54', 'R11'],
  },
  {
    name: 'negative: denied symptom (chest pain denied, painful swallowing)',
    text: `[doctor] any chest pain?
[patient] no, no chest pain. it just hurts when i swallow.`,
    expect: [],
    forbidCodes: ['R07'],
  },
  {
    name: 'negative: ruled-out diagnosis (pneumonia)',
    text: `[doctor] your chest x-ray was clear, so we ruled out pneumonia. this is a viral bronchitis.
[patient] okay.`,
    expect: [],
    forbidCodes: ['J18'],
  },
  {
    name: 'code: a heart attack six months ago is I25.2, not I21.9',
    text: `[doctor] for your next problem, your heart attack six months ago, continue the aspirin and the statin.`,
    expect: [],
    expectCodes: ['I25.2'],
    forbidCodes: ['I21'],
  },
  {
    name: 'code: diarrhoea-predominant IBS is K58.0',
    text: `[patient] it's mostly diarrhea, several times a day.
[doctor] for your next problem, your irritable bowel syndrome with diarrhea, we'll start a low fodmap diet.`,
    expect: [],
    expectCodes: ['K58.0'],
    forbidCodes: ['K58.9'],
  },
  {
    name: 'code: osteoarthritis of the left elbow, side and site said',
    text: `[doctor] for your first problem, your osteoarthritis of the left elbow, we'll do physical therapy.`,
    expect: [],
    expectCodes: ['M19.022'],
    forbidCodes: ['M19.90'],
  },
  {
    name: 'code: diabetes type not yet known is hyperglycaemia',
    text: `[doctor] for your next problem, your diabetes, it's not yet known whether it's type 1 or type 2, so we'll check antibodies.`,
    expect: [],
    expectCodes: ['R73.9'],
    forbidCodes: ['E11.9', 'E10.9'],
  },
];

export function matches(h: Hint, e: Expect): boolean {
  if (h.kind !== e.kind) return false;
  if (e.drugs && !e.drugs.every((d) => h.drugs?.includes(d))) return false;
  if (e.title && !e.title.test(h.title)) return false;
  if (e.severity && h.severity !== e.severity) return false;
  return true;
}

export interface ScenarioResult {
  s: Scenario;
  /** Non-code hints shown. */
  hints: Hint[];
  found: Expect[];
  /** Non-code hints not expected (false alarms). */
  extra: Hint[];
  codes: string[];
  missingCodes: string[];
  /** Suggested codes that start with a forbidden prefix. */
  wrongCodes: string[];
}

/** Scores one scenario: each expected hint is matched by a distinct shown hint. */
export function scoreScenario(s: Scenario, all: Hint[]): ScenarioResult {
  const hints = all.filter((h) => h.kind !== 'diagnosis-code');
  const used = new Set<Hint>();
  const found: Expect[] = [];
  for (const e of s.expect) {
    const h = hints.find((x) => !used.has(x) && matches(x, e));
    if (h) {
      used.add(h);
      found.push(e);
    }
  }
  const extra = hints.filter((h) => !used.has(h) && !s.expect.some((e) => matches(h, e)));
  const codes = all.filter((h) => h.kind === 'diagnosis-code').flatMap((h) => h.codes ?? []);
  return {
    s,
    hints,
    found,
    extra,
    codes,
    missingCodes: (s.expectCodes ?? []).filter((c) => !codes.includes(c)),
    wrongCodes: codes.filter((c) => (s.forbidCodes ?? []).some((f) => c.startsWith(f))),
  };
}
