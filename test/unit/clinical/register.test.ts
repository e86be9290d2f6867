import { describe, expect, it } from 'vitest';
import {
  expandContractions,
  readsAsNote,
  registerProblems,
  repairRegister,
  splitRunOn,
} from '../../../core/clinical/register.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { lintNote } from '../../../core/clinical/lint-note.js';

describe('note register', () => {
  it('names the marks of speech a note sentence must not have', () => {
    expect(registerProblems('From a rapid strep standpoint.')).toEqual(['fragment']);
    expect(registerProblems('For her diabetes.')).toEqual(['fragment']);
    expect(registerProblems('But will order some tests to look into it.')).toEqual(['leading-link']);
    expect(registerProblems('He states that he guesses he just feels tired every.')).toEqual(['dangling']);
    expect(registerProblems("They can't think of anytime if they fell or like they have really been trying.")).toEqual([
      'conversational',
    ]);
    expect(registerProblems('He came to see if you could do anything for this hand.')).toEqual(['second-person']);
    expect(registerProblems('Any chest pain?')).toEqual(['question']);
    expect(registerProblems('Can they lift weights and do their squats at the gym.')).toEqual(['question']);
    expect(registerProblems('Thank them and stop out at the desk to make an appointment for 2 weeks.')).toEqual([
      'conversational',
    ]);
  });

  it('passes what clinicians write, conditionals and comparisons included', () => {
    for (const s of [
      'Denies fever or chills.',
      'Start amoxicillin 500 mg 3 times a day for 10 days.',
      'If his symptoms persist, we can consider further imaging.',
      'This is likely related to an inflammatory response.',
      'Otherwise, regular rate and rhythm.',
      'She is doing okay at home.',
      "It's like a deep achy pain.",
      'We will continue to monitor this.',
      'It is what it is.',
      'Vital signs: normal.',
      '• Medical Reasoning: For his congestive heart failure he is doing well.',
    ])
      expect(registerProblems(s), s).toEqual([]);
  });

  it('repairs what can go without changing what the sentence says', () => {
    const repaired: Array<[said: string, written: string]> = [
      [
        '• Additional Testing: Order right upper quadrant ultrasound to rule out any.',
        '• Additional Testing: Order right upper quadrant ultrasound.',
      ],
      ['Refer to physical therapy if.', 'Refer to physical therapy.'],
      ['Then schedule a follow up appointment in 3 months.', 'Schedule a follow up appointment in 3 months.'],
      ['Okay, then start metformin.', 'Start metformin.'],
      ['X-ray: this basically shows good bony alignment.', 'X-ray: this shows good bony alignment.'],
      ['Her cholesterol was like, a tiny bit high.', 'Her cholesterol was a tiny bit high.'],
      ['She has been throwing up in the mornings, things like that.', 'She has been throwing up in the mornings.'],
      ['Will see them back in a week okay.', 'Will see them back in a week.'],
      ['• Respiratory: For their lung exam a little bit of stridor.', '• Respiratory: A little bit of stridor.'],
      // The expected course, with a reason said inside it.
      [
        'It should, honestly, just being a contusion, get better in the next week.',
        'Expected to improve in the next week.',
      ],
      [
        '• Patient Education and Counseling: They should heal in the next 2 weeks.',
        '• Patient Education and Counseling: Expected to heal in the next 2 weeks.',
      ],
      // A sentence with nothing to take off is returned as it was.
      ['She is doing okay.', 'She is doing okay.'],
    ];
    for (const [said, written] of repaired) expect(repairRegister(said), said).toBe(written);
    expect(readsAsNote(repairRegister('Great, so relax the finger.'))).toBe(false);
  });

  it('the drafter writes no copied sentence that still reads as speech, in any note template', () => {
    const visit = parseTranscript(
      [
        '[doctor] hi, what brings you in today?',
        '[patient] my right knee has been hurting for about two weeks.',
        '[doctor] any fever?',
        '[patient] no.',
        '[doctor] okay. on exam your right knee has some swelling.',
        '[patient] okay.',
        '[doctor] so for your right knee pain, i think you have a knee sprain. from a pain standpoint. but we will order an x-ray of the right knee to rule out any. and i want you to take ibuprofen 600 mg as needed, you know, for the pain. see you in 2 weeks.',
      ].join('\n'),
    );
    for (const template of ['outpatient', 'soap', 'progress', 'hp']) {
      const d = draftNote(visit, { template });
      const all = d.sections.flatMap((s) => s.sentences.map((x) => x.text));
      for (const s of all) expect(registerProblems(s), `${template}: ${s}`).toEqual([]);
      const text = all.join(' ');
      expect(text).not.toMatch(/standpoint|you know|\bbut will\b/i);
      // What the sentences said is kept once their speech marks are gone.
      expect(text).toMatch(/x-ray/i);
      expect(lintNote(d.note).spoken).toBe(0);
    }
    // Patient instructions speak to the patient: the gate is for notes.
    const pi = draftNote(visit, { template: 'patient-instructions' });
    expect(pi.sections.flatMap((s) => s.sentences.map((x) => x.text)).join(' ')).toMatch(/\byou\b/i);
  });

  it('reads a run-on sentence clause by clause, short clauses kept joined', () => {
    expect(
      splitRunOn(
        "• Medical Reasoning: Will see them back in about a week to 2 weeks and if they are still having symptoms will discuss further treatment such as a lithotripsy and it's a minimally invasive procedure where we use shock waves to break up that stone.",
      ),
    ).toEqual([
      '• Medical Reasoning: Will see them back in about a week to 2 weeks.',
      // What follows a condition stays with it: split off, it would read as the plan.
      "If they are still having symptoms will discuss further treatment such as a lithotripsy and it's a minimally invasive procedure where we use shock waves to break up that stone.",
    ]);
    // Unpunctuated speech: a new subject and verb after a word that takes no clause starts a sentence.
    expect(
      splitRunOn(
        "Her headache started about a week ago it's feeling like a dull pain in the back of her head she has flushing in her ears they get really red and hot and sometimes she just feels a little bit dizzy when she gets these headaches.",
      ),
    ).toEqual([
      'Her headache started about a week ago.',
      "It's feeling like a dull pain in the back of her head.",
      'She has flushing in her ears.',
      'They get really red and hot and sometimes she just feels a little bit dizzy when she gets these headaches.',
    ]);
    const short = 'Continue the lisinopril and if it stays high we can add a second drug.';
    expect(splitRunOn(short)).toEqual([short]);
    const tail =
      'Will see them back in a week or 2 with the results of the urine culture and the blood work and the imaging we ordered today and so it goes.';
    expect(splitRunOn(tail)).toEqual([tail]);
  });

  it('an announcement of what comes next is conversation, in the A&P or anywhere', () => {
    expect(registerProblems('Will talk about my assessment plan for him for his first diagnosis.')).toEqual([
      'conversational',
    ]);
    expect(registerProblems("Let's go over your results.")).toContain('conversational');
    expect(registerProblems('Will discuss lithotripsy if the stone does not pass.')).toEqual([]);
  });

  it('exam instructions to the patient are not findings, in the exam only', () => {
    expect(registerProblems('• Musculoskeletal: Touch here in their shoulder.', 'exam')).toEqual(['instruction']);
    expect(registerProblems('Follow up in 2 weeks.', 'exam')).toEqual(['instruction']);
    expect(registerProblems('Follow up in 2 weeks.')).toEqual([]);
    expect(registerProblems('Will pull on their knee and twist their knee a little bit.', 'plan')).toEqual([
      'instruction',
    ]);
    expect(registerProblems('Will order an x-ray of the knee.', 'plan')).toEqual([]);
    expect(repairRegister('• Neurological: Of their right foot their capillary refill is less than 3 seconds.')).toBe(
      '• Neurological: Right foot: capillary refill is less than 3 seconds.',
    );
    expect(repairRegister('• Neck: His thyroid is mildly enlarged here.')).toBe(
      '• Neck: His thyroid is mildly enlarged.',
    );
    expect(repairRegister('• Neck: Her neck exam she does have some posterior paraspinal tenderness.')).toBe(
      '• Neck: Posterior paraspinal tenderness.',
    );
    expect(
      repairRegister('• Head, Eyes, Ears, Nose and Throat: Her eye exam her extraocular motions are intact.'),
    ).toBe('• Head, Eyes, Ears, Nose and Throat: Her extraocular motions are intact.');
    expect(repairRegister('The physical exam is normal.')).toBe('The physical exam is normal.');
    expect(registerProblems('• Head, Eyes, Ears, Nose and Throat: Her heent exam.')).toEqual(['fragment']);
    expect(registerProblems('• General: Is pretty normal unremarkable.')).toEqual(['fragment']);
  });

  it("the doctor's own voice stays in the plan, and only when it states a plan", () => {
    expect(registerProblems('I am going to sit here and lay them back.', 'plan')).toContain('first-person');
    // Rewritten into the plan's voice it is still the examiner narrating the exam.
    expect(registerProblems('Will sit here and lay them back.', 'plan')).toEqual(['instruction']);
    // A clause cut off after "that's" hangs.
    expect(registerProblems("Right now will start with that if that's.", 'plan')).toContain('dangling');
    expect(registerProblems('I forgot to examine her back by the way.', 'plan')).toEqual(['first-person']);
    expect(registerProblems('I will order an MRI of the left shoulder.', 'plan')).toEqual([]);
    expect(registerProblems("What we're dealing with is right hip degenerative joint disease.", 'plan')).toEqual([]);
    expect(registerProblems('I am seeing Mrs. Peterson, a 43-year-old patient.', 'history')).toEqual(['first-person']);
    // The patient's family may be "we"; "excuse me" is nobody.
    expect(registerProblems("We've been moving boxes up and down the basement stairs.", 'history')).toEqual([]);
    expect(registerProblems('His alkaline phosphatase, excuse me, was elevated to 156.', 'history')).toEqual([]);
    // Without a section (the linter) first person is the linter's own count, not a register problem.
    expect(registerProblems('I will order an MRI.')).toEqual([]);
  });

  it('a question asked inside a sentence, and a pointer with nothing to point at, are not note sentences', () => {
    expect(registerProblems('Full range of motion is there any decreased range of motion.')).toEqual(['question']);
    expect(registerProblems('That chest pounding.')).toEqual(['fragment']);
    expect(registerProblems('She gets lightheaded every once in.')).toEqual(['dangling']);
    expect(registerProblems('That is improving.')).toEqual([]);
  });

  it('a plan statement about "that" names nothing; a quantity or a clinical noun does', () => {
    expect(registerProblems('Will wear that for a few days.', 'plan')).toEqual(['vague']);
    expect(registerProblems('Will give them a prescription.', 'plan')).toEqual(['vague']);
    expect(registerProblems('We are going to continue to watch that.', 'plan')).toEqual(['vague']);
    expect(registerProblems('Will give them a prescription for meloxicam.', 'plan')).toEqual([]);
    expect(registerProblems('They should take that daily for the pain.', 'plan')).toEqual([]);
    expect(registerProblems('Continue to watch that knee swelling.', 'plan')).toEqual([]);
  });

  it('spoken numbering and ranges read as written', () => {
    expect(repairRegister('It was saturday, so about 4, 5 days ago.')).toBe('It was saturday, so about 4-5 days ago.');
    expect(repairRegister("She's about 3, 3.5 pounds down in weight.")).toBe(
      "She's about 3-3.5 pounds down in weight.",
    );
    expect(repairRegister('Taking 5, 2 pills.')).toBe('Taking 5, 2 pills.');
    expect(repairRegister('Number 2, pre-op examination.')).toBe('Pre-op examination.');
    expect(repairRegister('To note, the patient is not currently on potassium supplement.')).toBe(
      'Of note, the patient is not currently on potassium supplement.',
    );
  });

  it("the finding, not the seeing; the doctor's comment on it goes; a condition without its consequence is not a sentence", () => {
    expect(repairRegister('I can see that there is fluid in the knee.')).toBe('There is fluid in the knee.');
    expect(repairRegister('For their diabetes I said like continue to watch those blood sugars daily.')).toBe(
      'For their diabetes continue to watch those blood sugars daily.',
    );
    expect(repairRegister("There is a negative varus and valgus stress test that's really important.")).toBe(
      'There is a negative varus and valgus stress test.',
    );
    expect(registerProblems('If they start to see any significant increase in them.')).toEqual(['fragment']);
    expect(registerProblems('If pain persists return to clinic.')).toEqual([]);
    expect(registerProblems('When they stepped down they heard a pop.')).toEqual([]);
  });

  it("explanations for the patient, restarted subjects and the doctor's 'what I am seeing' go; the finding stays", () => {
    expect(
      repairRegister('Her bun may be a tiny bit elevated at 23 which is the number we look for dehydration.'),
    ).toBe('Her bun may be a tiny bit elevated at 23.');
    // Findings said after the explanation, without punctuation, are kept with it.
    const run =
      'Trace nonpitting edema of his lower extremities which is a little bit of swelling in his ankles no calf tenderness negative homans sign no signs of blood clot.';
    expect(repairRegister(run)).toBe(run);
    expect(repairRegister('What I am seeing here is on the tip of this middle finger, she has a fracture.')).toBe(
      'On the tip of this middle finger, she has a fracture.',
    );
    expect(repairRegister("It comes and goes she it's relieved when she takes her tylenol.")).toBe(
      "It comes and goes it's relieved when she takes her tylenol.",
    );
    expect(repairRegister('Carolyn is a 34 -year-old female.')).toBe('Carolyn is a 34-year-old female.');
    expect(
      repairRegister(
        "• Medical Reasoning: From a depression standpoint, it's his first problem, that sounds like he is doing well.",
      ),
    ).toBe('• Medical Reasoning: That sounds like he is doing well.');
    // Without the comma the standpoint is part of what is said ("… standpoint and his skin cancer removal, …").
    const both = 'From a cataract surgery standpoint and his skin cancer removal, everything seems to be fine.';
    expect(repairRegister(both)).toBe(both);
    expect(repairRegister("They they didn't qualify because they had had a recent trip.")).toBe(
      "They didn't qualify because they had had a recent trip.",
    );
    expect(repairRegister('The patient states that they called nine one one.')).toBe(
      'The patient states that they called nine one one.',
    );
    expect(repairRegister('For their diabetes like I said just continue to watch those blood sugars daily.')).toBe(
      'For their diabetes just continue to watch those blood sugars daily.',
    );
    expect(repairRegister('They have may have a medial collateral ligament strain.')).toBe(
      'They may have a medial collateral ligament strain.',
    );
    expect(registerProblems('When she comes back in a month.')).toEqual(['fragment']);
    expect(registerProblems('When they fell they heard this pop and it just hurts.')).toEqual([]);
  });

  it('the linter counts spoken sentences in any note, references ≈ 0', () => {
    const l = lintNote(
      'ASSESSMENT AND PLAN\nFrom a rapid strep standpoint. But will order labs. Start amoxicillin 500 mg.',
    );
    expect(l.spoken).toBe(2);
    expect(l.examples.spoken).toEqual(['From a rapid strep standpoint.', 'But will order labs.']);
  });

  it('spells contractions out as a note does, keeping possessives and quoted words', () => {
    const cases: [string, string][] = [
      ["It's been bothering him since Monday.", 'It has been bothering him since Monday.'],
      ["She doesn't have fever and can't sleep.", 'She does not have fever and cannot sleep.'],
      ["There's no swelling; she's had two episodes.", 'There is no swelling; she has had two episodes.'],
      [
        "His pressure's been high and his foot's a little sore.",
        'His pressure has been high and his foot is a little sore.',
      ],
      ["They'd like to try; she'd stopped it.", 'They would like to try; she had stopped it.'],
      ["The patient's knee; Tinel's sign is negative.", "The patient's knee; Tinel's sign is negative."],
      ["They could've stepped on a nail.", 'They could have stepped on a nail.'],
      ['She says "it\'s like a knife" when she bends.', 'She says "it\'s like a knife" when she bends.'],
    ];
    for (const [said, written] of cases) expect(expandContractions(said)).toBe(written);
  });

  it('a drafted note spells contractions out; patient instructions keep the plain voice', () => {
    const turns = [
      '[doctor] what brings you in today',
      "[patient] my right knee hurts and it's been swollen for a week. it doesn't get better with ice",
      '[doctor] any fever',
      '[patient] no',
      '[doctor] okay on exam your right knee is swollen. we will get an x-ray of the right knee',
    ].join('\n');
    const note = draftNote(parseTranscript(turns)).note;
    expect(note).not.toMatch(/\b\w+(?:n't|'s been|'re|'ve)\b/);
    expect(note).toMatch(/has been swollen|does not get better/);
  });
});
