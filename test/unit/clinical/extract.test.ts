import { describe, expect, it } from 'vitest';
import { draftNote, extractFacts, parseTranscript } from '../../../core/clinical/index.js';

const visit = parseTranscript(
  [
    '[doctor] so , jane is a 45-year-old female who presents today for headaches .',
    '[patient] i get these headaches almost every day for about three weeks .',
    '[doctor] any fever or chills ?',
    '[patient] no .',
    '[doctor] any nausea ?',
    '[patient] maybe a little nauseous in the mornings .',
    "[patient] i don't have any chest pain . my mother had breast cancer .",
    '[doctor] are you allergic to any medications ?',
    '[patient] yes , i am allergic to penicillin , it gives me hives .',
    '[doctor] what do you take for them ?',
    '[patient] i take tylenol 500 milligrams twice a day .',
    '[doctor] let me examine you . your blood pressure is 132 over 84 and your heart rate is seventy two .',
    '[doctor] your neck is supple and your lungs are clear .',
    "[doctor] for your headaches , i'm going to start you on sumatriptan 50 mg as needed , and increase your lisinopril to 20 mg daily .",
    '[doctor] i also want to stop the ibuprofen . i will refer you to neurology and see you back in four weeks .',
    '[patient] okay , sounds good .',
  ].join('\n'),
);
const facts = extractFacts(visit);

describe('extractFacts', () => {
  it('reads demographics and the reason for the visit', () => {
    expect(facts.patient).toMatchObject({ age: 45, sex: 'female', name: 'jane' });
    expect(facts.reasonForVisit?.text).toBe('headaches');
    expect(facts.reasonForVisit?.evidence).toEqual([0]);
  });

  it('marks negated symptoms from denials and yes/no answers', () => {
    const fever = facts.symptoms.find((s) => s.name === 'fever');
    expect(fever).toMatchObject({ negated: true, evidence: [2, 3] });
    const chest = facts.symptoms.find((s) => s.name === 'chest pain');
    expect(chest).toMatchObject({ negated: true, evidence: [6] });
  });

  it('marks hedged symptoms uncertain and keeps durations', () => {
    const nausea = facts.symptoms.find((s) => s.name === 'nausea');
    expect(nausea).toMatchObject({ negated: false, uncertain: true });
    const headache = facts.symptoms.find((s) => s.name === 'headache' && s.evidence.includes(1));
    // The normaliser may write the number as digits.
    expect(headache?.duration).toMatch(/^about (?:three|3) weeks$/);
  });

  it('attributes family history to the relative', () => {
    const fh = facts.history.find((h) => h.kind === 'family');
    expect(fh).toMatchObject({ name: 'breast cancer', relative: 'mother', subject: 'family' });
  });

  it('reads allergies with reactions, not as symptoms', () => {
    expect(facts.allergies).toEqual([
      expect.objectContaining({ substance: 'penicillin', reaction: 'hives', negated: false, evidence: [7, 8] }),
    ]);
    expect(facts.symptoms.find((s) => s.name === 'rash')).toBeUndefined();
  });

  it('reads medications with generic names, dose, unit, frequency and changes', () => {
    const tylenol = facts.medications.find((m) => m.mentionedAs === 'tylenol');
    expect(tylenol).toMatchObject({
      name: 'acetaminophen',
      dose: 500,
      unit: 'mg',
      frequency: 'twice a day',
      change: null,
    });
    expect(facts.medications.find((m) => m.name === 'sumatriptan')).toMatchObject({
      dose: 50,
      unit: 'mg',
      change: 'start',
      frequency: 'as needed',
      drugClass: 'triptan',
    });
    expect(facts.medications.find((m) => m.name === 'lisinopril')).toMatchObject({ dose: 20, change: 'increase' });
    expect(facts.medications.find((m) => m.name === 'ibuprofen')).toMatchObject({ change: 'stop', negated: false });
  });

  it('files pain at a site that is not a joint or limb under its own system', () => {
    const f = extractFacts(
      parseTranscript(
        [
          '[doctor] what brings you in?',
          '[patient] my throat has been hurting me for four days.',
          '[doctor] okay, let me examine you.',
          '[doctor] your heart sounds regular.',
          '[doctor] my plan is to see you back in two weeks.',
        ].join('\n'),
      ),
    );
    expect(f.symptoms.find((x) => x.name === 'throat pain')?.system).toBe('Ears, Nose, Mouth and Throat');
  });

  it('does not read an allergen as a medication to start', () => {
    const f = extractFacts(
      parseTranscript(
        "[doctor] because you're allergic to penicillin , i'm going to prescribe doxycycline twice a day .",
      ),
    );
    expect(f.medications.map((m) => [m.name, m.change, m.frequency])).toEqual([
      ['doxycycline', 'start', 'twice a day'],
    ]);
  });

  it('reads vitals with numeric values and units', () => {
    expect(facts.vitals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'bp', value: 132, value2: 84, unit: 'mmHg', evidence: [11] }),
        expect.objectContaining({ kind: 'hr', value: 72, unit: 'bpm' }),
      ]),
    );
  });

  it('reads exam findings, problems and plan items from the clinician', () => {
    expect(facts.exam.map((e) => e.system)).toContain('Respiratory');
    const kinds = facts.plan.map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['prescription', 'referral']));
    expect(facts.plan.every((p) => p.evidence.length > 0)).toBe(true);
  });
});

describe('exam findings by body part', () => {
  it('files each part of a dictated sentence under its own system, the one the doctor names first', async () => {
    const { examSystem } = await import('../../../core/clinical/extract.js');
    expect(examSystem('on your lung exam, i hear some crackles and your heart is regular')).toBe('Respiratory');
    expect(examSystem('your heart is regular and your lungs are clear')).toBe('Cardiovascular');
    const f = extractFacts(
      parseTranscript(
        [
          '[doctor] so what brings you in?',
          '[patient] a cough.',
          '[doctor] let me examine you. your neck is supple and your lungs are clear.',
        ].join('\n'),
      ),
    );
    expect(f.exam.map((e) => [e.system, e.finding])).toEqual([
      ['Neck', 'Their neck is supple.'],
      ['Respiratory', 'Their lungs are clear.'],
    ]);
  });

  it('"when you check out" makes the patient the subject', async () => {
    const { toThirdPerson } = await import('../../../core/clinical/rewrite.js');
    expect(toThirdPerson('remember when you check out, schedule a follow-up', 'doctor', 'male')).toBe(
      'remember when he checks out, schedule a follow-up',
    );
  });
});

describe('allergies named in an answer or by the doctor', () => {
  it('"any allergies?" "yes, penicillin" is an allergy with its reaction; the doctor stating one is too', () => {
    const f = extractFacts(
      parseTranscript(
        [
          '[doctor] any allergies to medications?',
          '[patient] yes, penicillin. it gives me hives.',
          "[doctor] okay. because you're allergic to sulfa as well, we'll avoid bactrim.",
        ].join('\n'),
      ),
    );
    expect(f.allergies.map((a) => [a.substance, a.reaction, a.evidence])).toEqual([
      ['penicillin', 'hives', [0, 1]],
      ['sulfa', null, [2]],
    ]);
  });
});

describe('exam maneuvers asked as questions', () => {
  const exam = extractFacts(
    parseTranscript(
      [
        '[doctor] let me take a look at your knee .',
        '[doctor] when i press on the inside of your knee , does that hurt ?',
        '[patient] yes .',
        '[doctor] and when i press on the outside of your left of your right knee sorry does that hurt',
        '[patient] no',
        '[doctor] okay and when i move your your kneecap does that hurt',
        '[patient] no , it just feels funny',
        '[doctor] and if you pull back does that hurt a little bit',
        '[patient] no',
        '[doctor] i know that you said it hurts on the right inside a lot',
        '[patient] yeah',
        '[doctor] there is some mild swelling and bruising of the knee , are you able to bend it',
        '[patient] yes',
      ].join('\n'),
    ),
  ).exam.map((e) => e.finding);

  it("reads the answer as the finding's polarity, with the side corrected on the spot", () => {
    expect(exam).toContain('Tenderness to palpation of the inside of the knee.');
    expect(exam).toContain('No tenderness to palpation of the outside of the right knee.');
    expect(exam).toContain('No pain with movement of the kneecap.');
  });

  it('copies no question and no recap of the history as a finding', () => {
    expect(exam.some((f) => /does that hurt|you said|they said|able to bend/i.test(f))).toBe(false);
    expect(exam.some((f) => /swelling and bruising of the knee\.$/.test(f))).toBe(true);
  });
});

describe('run-on exam dictation', () => {
  it('splits at each exam named, drops what the doctor explains, and files "the rest of her exam" as general', () => {
    const exam = extractFacts(
      parseTranscript(
        [
          '[doctor] alright let me examine you .',
          "[doctor] on her heart exam she has a 2/6 systolic ejection murmur her belly exam her belly's slightly distended on her leg exam she has 1+ pitting edema negative homans sign that means no blood clots otherwise neurologic exam is normal the rest of her exam is normal",
          '[patient] okay .',
        ].join('\n'),
      ),
    ).exam.map((e) => [e.system, e.finding]);
    expect(exam.find(([, f]) => /murmur/.test(f!))?.[0]).toBe('Cardiovascular');
    expect(exam.find(([, f]) => /distended/.test(f!))?.[0]).toBe('Gastrointestinal');
    expect(exam.find(([, f]) => /pitting edema/.test(f!))?.[1]).not.toMatch(/means|blood clots/);
    expect(exam.find(([, f]) => /neurologic exam is normal/i.test(f!))?.[0]).toBe('Neurological');
    expect(exam.find(([, f]) => /rest of her exam/i.test(f!))?.[0]).toBe('General');
    expect(exam.every(([, f]) => !/^Otherwise/i.test(f!))).toBe(true);
  });
});

describe('pain scores', () => {
  const painOf = (lines: string[]) =>
    extractFacts(parseTranscript(lines.join('\n'))).symptoms.find((s) => /\bpain\b/.test(s.name));

  it('reads the score answered to a pain scale, the one said for now', () => {
    expect(
      painOf([
        '[patient] my right knee hurts a lot since i fell.',
        '[doctor] okay, on a scale of 1 to 10, how severe is your pain?',
        "[patient] when i first fell it was pretty bad but now it's at like a 6.",
      ])?.severity,
    ).toBe('6/10');
  });

  it('a pain known only by its score is still the patient\'s pain, and "/10" only where the scale was said', () => {
    const p = painOf([
      "[doctor] i see you hurt your left ankle, it's been killing you?",
      '[patient] yeah.',
      '[doctor] can you rate your pain for me?',
      "[patient] i would say it's about an 8.",
    ]);
    expect(p?.severity).toBe('8');
    expect(p?.assertion).toBe('present');
  });
});

describe('an exam done inside the turn that opens the plan', () => {
  const visit = parseTranscript(
    [
      '[doctor] what happened to your ankle?',
      '[patient] i stepped off the curb and it hurts on the outside.',
      '[doctor] okay, any numbness?',
      '[patient] no.',
      '[doctor] and how long ago was that?',
      '[patient] two days ago.',
      "[doctor] well, we'll get you fixed up and back out there.",
      "[doctor] so let's talk about my physical exam. now i'm gonna do a focused exam on your left ankle i do appreciate some ecchymosis over the lateral malleolus. you are positive for the anterior drawer test on a neurovascular exam of your left foot the dorsalis pedis pulse is intact and strong. we did do an x-ray of that ankle and i do not appreciate a fracture. so let me talk to you about my assessment and plan. for your first problem of your left ankle pain, this is a sprain, i'll give you an air cast.",
      '[patient] okay.',
    ].join('\n'),
  );
  const facts = extractFacts(visit);

  it('files the findings before the plan opens as exam, the announcement taken off', () => {
    const exam = facts.exam.map((e) => e.finding);
    expect(
      exam.some((f) => /^Some ecchymosis over the lateral malleolus|ecchymosis over the lateral malleolus/.test(f)),
    ).toBe(true);
    expect(exam.some((f) => /focused exam/.test(f))).toBe(false);
    expect(exam.some((f) => /anterior drawer/.test(f))).toBe(true);
    // A pulse felt on exam is a finding, not a vital sign.
    expect(exam.some((f) => /dorsalis pedis pulse is intact/.test(f))).toBe(true);
  });

  it('keeps the plan as plan', () => {
    expect(facts.plan.length + facts.problems.length).toBeGreaterThan(0);
  });
});

describe('a finding denied by the words before it', () => {
  it('"it doesn\'t look like when i extend it … that you have a full range of motion" is no full range of motion', () => {
    const t = parseTranscript(
      [
        '[patient] i hurt my right knee playing basketball.',
        "[doctor] okay i'm gonna just move your knee a little bit it doesn't look like when i extend it and flex it that you have a full range of motion does it hurt a lot",
        '[patient] yes.',
      ].join('\n'),
    );
    const rom = extractFacts(t).exam.filter((e) => /range of motion/i.test(e.finding));
    expect(rom.length).toBeGreaterThan(0);
    for (const e of rom) expect(e.finding).toMatch(/do not have a full range of motion/);
  });
});

describe('where on a part', () => {
  it('"a dull pain in the back of my head" is a headache, not back pain', () => {
    const t = parseTranscript(
      [
        '[doctor] hi, what brings you in today?',
        "[patient] it started about a week ago. it's feeling like a dull pain in the back of my head and sometimes i feel dizzy.",
        '[doctor] okay. any fever?',
        '[patient] no.',
        '[doctor] on exam your neck is tender.',
        '[patient] okay.',
        '[doctor] for your tension headache, take tylenol.',
      ].join('\n'),
    );
    const names = extractFacts(t).symptoms.map((s) => s.name);
    expect(names).toContain('headache');
    expect(names).not.toContain('back pain');
  });
});

describe('exam systems by what is examined', () => {
  it('bruising on a joint is a musculoskeletal finding, a rash stays skin, CVA tenderness is genitourinary', async () => {
    const { examSystem } = await import('../../../core/clinical/extract.js');
    expect(examSystem('some ecchymosis and swelling on the inside of that right knee')).toBe('Musculoskeletal');
    expect(examSystem('a rash on his left knee')).toBe('Integumentary');
    expect(examSystem('erythema on his face')).toBe('Integumentary');
    expect(examSystem('there is cva tenderness on the right')).toBe('Genitourinary');
    expect(examSystem('tenderness to palpation of the abdomen')).toBe('Gastrointestinal');
  });
});

describe('a diagnosis is not a symptom', () => {
  it('"a past medical history significant for depression" is depression in the history, not a depressed mood today', () => {
    const t = parseTranscript(
      [
        '[doctor] so ralph is a 62-year-old male with a past medical history significant for depression and hypertension, who presents for his annual exam. how are you doing?',
        '[patient] okay.',
        '[doctor] how is your depression?',
        '[patient] i have been staying on top of the meds and it has been pretty good.',
        '[doctor] on exam your heart is regular.',
        '[patient] okay.',
        '[doctor] for your depression, continue prozac 20 mg daily.',
      ].join('\n'),
    );
    expect(extractFacts(t).symptoms.map((s) => s.name)).not.toContain('depressed mood');
    expect(
      extractFacts(t)
        .history.filter((h) => h.kind === 'medical')
        .map((h) => h.name),
    ).toContain('depression');
    // Feeling sad is still a depressed mood.
    const u = parseTranscript(
      [
        '[doctor] hi, how have you been feeling?',
        '[patient] i have been feeling really sad lately.',
        '[doctor] okay. on exam your affect is flat.',
        '[patient] okay.',
        '[doctor] for your low mood, we will refer you to counseling.',
      ].join('\n'),
    );
    expect(extractFacts(u).symptoms.map((s) => s.name)).toContain('depressed mood');
  });
});

describe('a condition asked about is not history', () => {
  it('"is that related to lyme disease?" from the patient puts no lyme disease in the history; "i have had gout" does', () => {
    const t = parseTranscript(
      [
        '[doctor] what brings you in today?',
        '[patient] i have had gout for years and my knee is swollen.',
        '[doctor] your lyme titer came back a little elevated, so we will order a western blot.',
        '[patient] is that related to lyme disease?',
        '[doctor] it can be.',
      ].join('\n'),
    );
    const medical = extractFacts(t)
      .history.filter((h) => h.kind === 'medical')
      .map((h) => h.name);
    expect(medical).toContain('gout');
    expect(medical).not.toContain('lyme disease');
  });
});

describe('a kind of symptom is not the condition', () => {
  it('"any flu like symptoms?" puts no influenza in the history; a condition never had reads "No history of"', () => {
    const lines = [
      '[doctor] any flu like symptoms, body aches or chills?',
      '[patient] no.',
      '[doctor] have you ever been diagnosed with lyme disease before?',
      '[patient] no.',
      '[doctor] on exam there is a rash on the right knee.',
    ];
    const t = parseTranscript(lines.join('\n'));
    expect(extractFacts(t).history.map((h) => h.name)).not.toContain('influenza');
    const pmh = draftNote(t)
      .sections.find((s) => s.id === 'pmh')
      ?.sentences.map((s) => s.text);
    expect(pmh).toEqual(['No history of lyme disease.']);
  });
});

describe('reason for visit: a dictated course after it', () => {
  it('keeps the course dictated after the reason ("now status post …") in the HPI, and the reason as said', () => {
    const visit = parseTranscript(
      '[doctor] russell is a 45-year-old male who presents for hospital follow-up after an anterior stemi now status post drug-eluting stent to the lad and newly reduced ejection fraction of 35 percent and moderate mitral regurgitation.\n[patient] yes.',
    );
    expect(extractFacts(visit).reasonForVisit?.text).toBe('hospital follow-up after an anterior stemi');
    expect(draftNote(visit).note).toMatch(/stemi now status post drug-eluting stent to the lad/i);
  });
});
