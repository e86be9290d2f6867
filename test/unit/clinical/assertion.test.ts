import { describe, expect, it } from 'vitest';
import { answerPolarity, readMention } from '../../../core/clinical/assertion.js';
import { draftNote, extractFacts, parseTranscript } from '../../../core/clinical/index.js';
import type { ClinicalFacts, SpeakerRole } from '../../../core/clinical/types.js';

/** Reads the (last) mention `word` in `text` said by `speaker`. */
function read(text: string, word: string, speaker: SpeakerRole = 'patient') {
  const lower = text.toLowerCase();
  const at = lower.lastIndexOf(word);
  if (at < 0) throw new Error(`"${word}" not in "${text}"`);
  return readMention({ lower, speaker }, at, at + word.length);
}

/** An exam and a plan after the given history turns, so that those turns are read as the history. */
const EXAM_AND_PLAN = [
  '[doctor] okay, let me examine you.',
  '[doctor] your heart sounds regular.',
  '[doctor] my plan is to see you back in two weeks.',
  '[patient] okay, sounds good.',
];

function visit(...lines: string[]) {
  return visitAsIs(...lines, ...EXAM_AND_PLAN);
}

/** A visit whose turns bring their own exam and plan. */
function visitAsIs(...lines: string[]) {
  const transcript = parseTranscript(lines.join('\n'));
  return { transcript, facts: extractFacts(transcript) };
}

function symptom(facts: ClinicalFacts, name: string) {
  return facts.symptoms.filter((s) => s.name === name);
}

function section(lines: string[], id: string, template = 'hp'): string {
  const { transcript } = visit(...lines);
  const d = draftNote(transcript, { template });
  return (
    d.sections
      .find((s) => s.id === id)
      ?.sentences.map((s) => s.text)
      .join('\n') ?? ''
  );
}

describe('readMention: polarity', () => {
  it('denies every item of a list after one negation', () => {
    const t = "i don't have any fever, chills, or cough.";
    for (const w of ['fever', 'chills', 'cough']) expect(read(t, w).assertion).toBe('absent');
  });

  it('stops a negation at "but" and at a new clause', () => {
    expect(read('no fever, but i have a cough.', 'cough').assertion).toBe('present');
    expect(read("i don't have a fever, i have a cough.", 'cough').assertion).toBe('present');
    expect(read('no, but i have a cough.', 'cough').assertion).toBe('present');
  });

  it('does not read pseudo-negations as denials', () => {
    expect(read('nothing helps the back pain.', 'back pain').assertion).toBe('present');
    expect(read("the cough isn't going away.", 'cough').assertion).toBe('present');
    expect(read("this isn't the worst headache i've had.", 'headache').assertion).toBe('present');
    // "How are you?" "Not great, …": how the patient is doing, not a denial of what they go on to report.
    expect(read('not great, my knee has been hurting for about 3 weeks.', 'knee').assertion).toBe('present');
    expect(read('not doing so well, my back hurts.', 'back').assertion).toBe('present');
  });

  it('reads advice, safety-netting, conditionals and risk as hypothetical', () => {
    expect(read('if you get back pain, call me.', 'back pain', 'doctor').assertion).toBe('hypothetical');
    expect(read('watch for fever.', 'fever', 'doctor').assertion).toBe('hypothetical');
    expect(read('that puts you at risk of stroke.', 'stroke', 'doctor').assertion).toBe('hypothetical');
    expect(read('did you get your pneumonia vaccine?', 'pneumonia', 'doctor').assertion).toBe('hypothetical');
    // The conditional clause ends at the comma: what follows is stated.
    expect(read('even if i just walk, i get short of breath.', 'short of breath').assertion).toBe('present');
  });

  it("reads the clinician's exclusions as ruled out and the patient's as denied", () => {
    expect(read("i don't see any fracture.", 'fracture', 'doctor').assertion).toBe('ruled-out');
    expect(read('the x-ray was negative for pneumonia.', 'pneumonia', 'doctor').assertion).toBe('ruled-out');
    expect(read("you're not diabetic.", 'diabetic', 'doctor').assertion).toBe('ruled-out');
    expect(read("i'm not diabetic.", 'diabetic').assertion).toBe('absent');
  });

  it('reads hedges as possible, but not a doctor\'s "I think" diagnosis', () => {
    expect(read('i think i had a fever last night.', 'fever').assertion).toBe('possible');
    expect(read('it could be pneumonia.', 'pneumonia', 'doctor').assertion).toBe('possible');
    expect(read('i think you have carpal tunnel syndrome.', 'carpal tunnel', 'doctor').assertion).toBe('present');
    // A hedge on the duration does not hedge the symptom.
    expect(read('it has hurt probably for a few months now with numbness.', 'numbness').assertion).toBe('present');
  });
});

describe('readMention: experiencer and time', () => {
  it('names the relative a condition belongs to', () => {
    expect(read('my grandfather had kidney disease.', 'kidney disease').experiencer).toBe('grandfather');
    expect(read('my mom has diabetes.', 'diabetes').experiencer).toBe('mother');
    expect(read('my mom was 45 when she was diagnosed with breast cancer.', 'breast cancer').experiencer).toBe(
      'mother',
    );
    expect(read('both my parents have high blood pressure.', 'high blood pressure').experiencer).toBe('parents');
    expect(read('any family history of heart disease?', 'heart disease', 'doctor').experiencer).toBe('family');
    expect(
      read('for family history, there is diabetes and heart disease.', 'heart disease', 'doctor').experiencer,
    ).toBe('family');
  });

  it('carries the relative of the previous sentence to "they\'ve", past a filler "you know"', () => {
    const lower = "so they've always got you know those little runny noses or cough";
    const at = lower.indexOf('cough');
    const r = readMention({ lower, speaker: 'patient' }, at, at + 5, {
      lower: 'i do have little kids that go to school',
      speaker: 'patient',
    });
    expect(r.experiencer).toBe('children');
    expect(read("i do have little kids and they're coughing too.", 'cough').experiencer).toBe('children');
  });

  it('reads an episode had last week as past, but not pain had since last week or one still there', () => {
    expect(read('no i had diarrhea last week but i think i ate something bad', 'diarrhea').time).toBe('past');
    expect(read('i had a cough a few days ago', 'cough').time).toBe('past');
    expect(read("i've had pain since last week", 'pain').time).toBe('current');
    expect(read("i had a fever two days ago and it's still there", 'fever').time).toBe('current');
  });

  it('keeps the patient as experiencer when the patient is the nearer subject', () => {
    expect(read('my wife says i have a cough.', 'cough').experiencer).toBe('patient');
    expect(read('my dad had kidney stones but i never had a kidney stone.', 'kidney stone').experiencer).toBe(
      'patient',
    );
  });

  it("tells the doctor's own life from the doctor's view of the patient", () => {
    expect(read('i had pneumonia myself last year.', 'pneumonia', 'doctor').experiencer).toBe('doctor');
    expect(read("i don't see any fracture.", 'fracture', 'doctor').experiencer).toBe('patient');
    expect(read('my wife has asthma too.', 'asthma', 'doctor').experiencer).toBe('other');
  });

  it('reads past and resolved time', () => {
    expect(read('i used to get migraines.', 'migraines').time).toBe('past');
    expect(read('i had pneumonia years ago.', 'pneumonia').time).toBe('past');
    expect(read('i had pneumonia back in 2018.', 'pneumonia').time).toBe('past');
    expect(read('the rash went away.', 'rash').time).toBe('resolved');
    expect(read('the rash has resolved.', 'rash').time).toBe('resolved');
    expect(read('i have a rash.', 'rash').time).toBe('current');
  });

  it('tells questions that ask about a mention from those that take it as given', () => {
    expect(read('any fever?', 'fever', 'doctor').question).toBe('asked');
    expect(read('okay have you had any chest pain', 'chest pain', 'doctor').question).toBe('asked');
    expect(read('does the pain radiate?', 'pain', 'doctor').question).toBe('presupposed');
    expect(read('how long have you had the knee pain?', 'knee pain', 'doctor').question).toBeNull();
    expect(read('any other joint pain?', 'joint pain', 'doctor')).toMatchObject({ question: 'asked', other: true });
  });
});

describe('answerPolarity', () => {
  it.each([
    ['no.', 'no'],
    ['nope.', 'no'],
    ['um, no.', 'no'],
    ['not really.', 'no'],
    ["i don't think so.", 'no'],
    ['no, nothing like that.', 'no'],
    ["i haven't noticed anything.", 'no'],
    ['yes.', 'yes'],
    ['mm-hmm.', 'yes'],
    ['a little.', 'yes'],
    ['sometimes.', 'yes'],
    ["i'm not sure.", 'maybe'],
    ['no fever.', 'other'],
    ["i haven't thrown up, but i feel nauseated.", 'other'],
  ])('%s → %s', (answer, polarity) => {
    expect(answerPolarity(answer)).toBe(polarity);
  });
});

describe('question → answer scope in the facts', () => {
  it('"no" denies every item of a listed question, with the question and answer as evidence', () => {
    const { facts } = visit('[doctor] any fever, chills, or cough?', '[patient] no.');
    for (const n of ['fever', 'chills', 'cough'])
      expect(symptom(facts, n)).toEqual([
        expect.objectContaining({ assertion: 'absent', negated: true, experiencer: 'patient', evidence: [0, 1] }),
      ]);
  });

  it('"no, but I have a cough" denies the rest and asserts the cough', () => {
    const { facts } = visit('[doctor] any fever, chills, or cough?', '[patient] no, but i have a cough.');
    expect(symptom(facts, 'fever')[0]).toMatchObject({ assertion: 'absent' });
    expect(symptom(facts, 'chills')[0]).toMatchObject({ assertion: 'absent' });
    expect(symptom(facts, 'cough')).toEqual([
      expect.objectContaining({ assertion: 'present', negated: false, evidence: [0, 1] }),
    ]);
  });

  it('"yes", "a little", "sometimes" assert; a named subset leaves the rest open', () => {
    expect(symptom(visit('[doctor] any nausea?', '[patient] yes.').facts, 'nausea')[0]).toMatchObject({
      assertion: 'present',
    });
    expect(symptom(visit('[doctor] any dizziness?', '[patient] a little.').facts, 'dizziness')[0]).toMatchObject({
      assertion: 'present',
    });
    expect(symptom(visit('[doctor] any headaches?', '[patient] sometimes.').facts, 'headache')[0]).toMatchObject({
      assertion: 'present',
    });
    const { facts } = visit('[doctor] body aches, joint pain?', '[patient] uh, a bit of joint pain.');
    expect(symptom(facts, 'joint pain')[0]).toMatchObject({ assertion: 'present' });
    expect(symptom(facts, 'muscle aches')).toEqual([]);
  });

  it('reads answers after an interjection or in the second sentence, and unpunctuated questions', () => {
    expect(symptom(visit('[doctor] any chest pain?', '[patient] um. no.').facts, 'chest pain')[0]).toMatchObject({
      assertion: 'absent',
    });
    expect(
      symptom(
        visit('[doctor] any wheezing?', "[patient] hmm, let me think. no, i don't think so.").facts,
        'wheezing',
      )[0],
    ).toMatchObject({ assertion: 'absent' });
    expect(
      symptom(visit('[doctor] okay alright have you had any fever or chills', '[patient] nope').facts, 'chills')[0],
    ).toMatchObject({ assertion: 'absent' });
  });

  it('"any OTHER joint pain?" "no" does not deny the joint pain the visit is about', () => {
    const { facts } = visit(
      '[doctor] so what brings you in today?',
      '[patient] my elbow pain has been bad, and i have joint pain in my elbow.',
      '[doctor] okay. any other joint pain?',
      '[patient] no.',
    );
    expect(facts.symptoms.filter((s) => s.name === 'joint pain').map((s) => s.assertion)).toEqual(['present']);
  });

  it('a question the answer does not settle, or one taken as given, is no fact', () => {
    expect(visit('[doctor] any fever?', '[patient] well, it started on monday.').facts.symptoms).toEqual([]);
    expect(visit('[doctor] does the pain radiate?', '[patient] no.').facts.symptoms).toEqual([]);
  });
});

describe('facts: experiencer, advice and ruled-out diagnoses', () => {
  it("files a relative's condition as family history with the relative named, never as the patient's", () => {
    const { facts } = visit(
      '[doctor] any family history?',
      '[patient] my grandfather had kidney disease and my mom has diabetes.',
    );
    expect(facts.history.filter((h) => h.kind === 'family').map((h) => [h.name, h.relative])).toEqual([
      ['kidney disease', 'grandfather'],
      ['diabetes', 'mother'],
    ]);
    expect(facts.history.filter((h) => h.kind === 'medical')).toEqual([]);
    expect(facts.history.every((h) => h.subject === 'family')).toBe(true);
  });

  it('settles a family-history question by the answer and its relative', () => {
    const { facts } = visit('[doctor] any family history of heart disease?', '[patient] yes, my dad.');
    expect(facts.history).toEqual([
      expect.objectContaining({ kind: 'family', name: 'coronary artery disease', relative: 'father', negated: false }),
    ]);
    const denied = visit('[doctor] any family history of cancer?', '[patient] none.').facts;
    expect(denied.history).toEqual([
      expect.objectContaining({ kind: 'family', name: 'cancer', relative: null, negated: true, assertion: 'absent' }),
    ]);
  });

  it("keeps the doctor's own talk and someone else's illness out of the patient's facts", () => {
    const { facts } = visit(
      '[doctor] i went to the hardware store this weekend and i had a cough myself.',
      '[patient] my wife was sick with pneumonia.',
    );
    expect(facts.symptoms).toEqual([]);
    expect(facts.history.filter((h) => h.subject === 'patient')).toEqual([]);
  });

  it('never makes safety-netting a symptom or a problem', () => {
    const { facts } = visitAsIs(
      '[doctor] let me examine you. your lungs are clear.',
      "[doctor] my assessment is bronchitis. if you get back pain or a fever, call me. you're at risk of pneumonia.",
    );
    expect(facts.symptoms).toEqual([]);
    expect(facts.problems.map((p) => p.name)).toEqual(['bronchitis']);
  });

  it('drops ruled-out diagnoses from the problems and marks suspected ones', () => {
    const { facts } = visitAsIs(
      '[patient] my wrist hurts.',
      '[doctor] let me examine you. there is some swelling.',
      "[doctor] for your assessment, i don't see any fracture on the x-ray. you're not diabetic.",
      '[doctor] it could be carpal tunnel syndrome, so we will get a nerve study.',
    );
    expect(facts.problems.map((p) => [p.name, p.certainty, p.assertion])).toEqual([
      ['carpal tunnel syndrome', 'suspected', 'possible'],
    ]);
    expect(facts.problems[0]!.uncertain).toBe(true);
  });

  it("keeps a relative's medication off the patient's list", () => {
    const { facts } = visit('[patient] my mom takes metformin. i take lisinopril.');
    expect(facts.medications.map((m) => [m.name, m.subject, m.experiencer])).toEqual([
      ['metformin', 'family', 'mother'],
      ['lisinopril', 'patient', 'patient'],
    ]);
  });

  it('keeps the older flags in step with the assertion', () => {
    const { facts } = visit('[patient] i used to get migraines. maybe some nausea. no fever.');
    expect(symptom(facts, 'headache')[0]).toMatchObject({ time: 'past', historical: true, negated: false });
    expect(symptom(facts, 'nausea')[0]).toMatchObject({ assertion: 'possible', uncertain: true, negated: false });
    expect(symptom(facts, 'fever')[0]).toMatchObject({ assertion: 'absent', negated: true, uncertain: false });
  });
});

describe('drafter: HPI, ROS and history from the assertion facts', () => {
  const qa = [
    '[doctor] sarah is a 45-year-old female here for a cough.',
    '[doctor] any fever, chills, or cough?',
    '[patient] no, but i have a cough.',
    '[doctor] any shortness of breath?',
    '[patient] nope.',
  ];

  it('writes what a question and answer settled: "denies fever or chills", "reports cough"', () => {
    const hpi = section(qa, 'hpi');
    expect(hpi).toContain('She reports cough but denies fever or chills.');
    expect(hpi).toContain('She denies shortness of breath.');
    expect(hpi).not.toMatch(/reports (?:fever|chills)/);
  });

  it('never endorses a denied item in the review of systems', () => {
    const ros = section(
      [...qa, '[patient] i have had some chest pain.', '[doctor] any chest pain today?', '[patient] no.'],
      'ros',
    );
    expect(ros).toContain('Constitutional: Denies fever or chills.');
    expect(ros).toContain('Respiratory: Endorses cough. Denies shortness of breath.');
    // Reported and denied in the same visit: left to the HPI, not written either way.
    expect(ros).not.toMatch(/chest pain/);
  });

  it('puts family history under family history with the relative named, and past items marked', () => {
    const lines = [
      '[doctor] any medical problems?',
      '[patient] i had pneumonia years ago. my mom has diabetes.',
      '[doctor] do you smoke?',
      '[patient] no, i quit years ago.',
      '[doctor] any family history of heart disease?',
      '[patient] none.',
    ];
    expect(section(lines, 'pmh')).toBe('History of pneumonia.');
    expect(section(lines, 'fh')).toBe('Mother: diabetes.\nNo family history of coronary artery disease.');
    expect(section(lines, 'sh')).toBe('Former tobacco use.');
    expect(section(lines, 'hpi')).not.toMatch(/diabetes/);
  });

  it('takes the chief complaint from a present symptom only', () => {
    const cc = section(['[doctor] any fever?', '[patient] no.', '[patient] my knee hurts a lot.'], 'cc');
    expect(cc).toBe('Knee pain.');
  });
});

describe('degree is not doubt', () => {
  it('"no… just kind of a headache" reports a headache; "maybe a headache" stays possible', () => {
    const read = (answer: string) =>
      extractFacts(
        parseTranscript(['[doctor] any fever or headache?', `[patient] ${answer}`, '[doctor] okay.'].join('\n')),
      ).symptoms.find((s) => s.name === 'headache')?.assertion;
    expect(read('no fever, just kind of a headache and i just generally do not feel well.')).toBe('present');
    expect(read('maybe a little headache sometimes.')).toBe('possible');
  });
});
