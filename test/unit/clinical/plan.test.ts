import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../../core/clinical/discourse.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { planFacts } from '../../../core/clinical/plan.js';

const visit = parseTranscript(
  [
    '[doctor] so what brings you in?',
    '[patient] my throat hurts and i have a fever.',
    '[doctor] your strep test is positive. so for your strep throat, we are going to treat you with penicillin or, i am sorry, amoxicillin, 500 milligrams, three times a day for 10 days.',
    '[patient] okay.',
    '[doctor] hey dragon, order a throat culture. you can take ibuprofen 400 milligrams every 6 hours as needed for the pain.',
    "[doctor] i'd like to refer you to an ent specialist, and i'll see you back in 2 weeks. if you get worse or can't swallow, go to the emergency room.",
    '[patient] sounds good.',
  ].join('\n'),
);
const items = planFacts(
  sentencesOf(visit),
  () => true,
  () => 'strep throat',
);

/** The plan items of a visit given as tagged lines, every sentence read as plan, with no problem named. */
const itemsOf = (text: string) =>
  planFacts(
    sentencesOf(parseTranscript(text)),
    () => true,
    () => null,
  );

describe('planFacts', () => {
  it('reads medications with dose, frequency, duration and as needed; a drug corrected at once is dropped', () => {
    const meds = items.filter((i) => i.kind === 'medication');
    expect(meds.map((m) => m.text)).toEqual([
      'Start amoxicillin 500 mg 3 times a day for 10 days.',
      'Start ibuprofen 400 mg every 6 hours as needed for the pain.',
    ]);
    expect(meds[1]!.drug).toMatchObject({ name: 'ibuprofen', dose: '400 mg', asNeeded: true, action: 'start' });
  });

  it('keeps an order given to the voice assistant as an item, never its wording', () => {
    const test = items.find((i) => i.kind === 'test')!;
    expect(test.text).toBe('Order throat culture.');
    expect(test.evidence).toEqual([4]);
  });

  it('reads referrals, follow-up and return precautions, each with its problem and turn', () => {
    expect(items.find((i) => i.kind === 'referral')?.text).toBe('Refer to ent.');
    expect(items.find((i) => i.kind === 'follow-up')).toMatchObject({ text: 'Follow up in 2 weeks.', evidence: [5] });
    expect(items.find((i) => i.kind === 'return-precautions')?.target).toBe('emergency');
    expect(new Set(items.map((i) => i.problem))).toEqual(new Set(['strep throat']));
  });
});

describe('screening due', () => {
  it('states a screening test the patient is due for as an item, and not one the patient is not due for', () => {
    const of = (line: string) => itemsOf(line).filter((i) => i.kind === 'test');
    expect(
      of(
        "[doctor] for your annual exam, you're due for a mammogram, so we have to schedule for that, as well, okay?",
      ).map((i) => i.text),
    ).toEqual(['Schedule mammogram (due).']);
    expect(of("[doctor] you're not due for a colonoscopy until next year.")).toEqual([]);
  });
});

describe('medication actions', () => {
  it('reads "add" as starting a drug, after a drug continued in the same breath', () => {
    const meds = itemsOf(
      "[doctor] i want you to continue your lisinopril 20 milligrams a day i don't think you need a diuretic at this time but i do want to add aldactone 12.5 milligrams daily",
    ).filter((i) => i.kind === 'medication');
    expect(meds.map((m) => [m.drug!.name, m.drug!.action])).toEqual([
      ['lisinopril', 'continue'],
      ['spironolactone', 'start'],
    ]);
  });
});

describe('advice with its threshold', () => {
  it('keeps "and call me if you gain 3 pounds in 2 days" with the daily weights', () => {
    const advice = itemsOf('[doctor] also weigh yourself daily and call me if you gain 3 pounds in 2 days okay.')
      .filter((i) => i.kind === 'counselling')
      .map((i) => i.text);
    expect(advice).toEqual(['Weigh daily and call if they gain 3 pounds in 2 days.']);
  });
});

describe('alternatives', () => {
  it('reads "ibuprofen or aleve, as you need it" as one choice taken as needed, not two drugs', () => {
    const meds = itemsOf(
      '[doctor] so for pain i want you to continue to take the ibuprofen or any other anti-inflammatories you know aleve or any of those as you need it to help with the pain.',
    ).filter((i) => i.kind === 'medication');
    expect(meds.map((m) => m.text)).toEqual(['Continue ibuprofen or aleve as needed.']);
    expect(meds[0]!.drug).toMatchObject({ said: 'ibuprofen or aleve', asNeeded: true });
  });
});

describe('instructions phrased "have you …"', () => {
  it('reads "we are gonna have you continue your aspirin" as an item, and "have you tried ibuprofen?" as none', () => {
    const of = (line: string) => itemsOf(line).map((i) => i.text);
    expect(
      of(
        '[doctor] we are gonna have you continue your aspirin 81 milligrams daily and brilinta 90 milligrams twice daily',
      ),
    ).toEqual(['Continue aspirin 81 mg daily.', 'Continue brilinta 90 mg twice daily.']);
    expect(of('[doctor] have you tried ibuprofen?')).toEqual([]);
  });
});

describe('follow-up forms', () => {
  const follow = (line: string) =>
    itemsOf(line)
      .filter((i) => i.kind === 'follow-up')
      .map((i) => i.text);
  it('reads "check you in 2 weeks" and "see you some time next week", keeping the condition it is offered on', () => {
    expect(follow("[doctor] we're gonna check you in 2 weeks to see if those bones have realigned.")).toEqual([
      'Follow up in 2 weeks.',
    ]);
    expect(
      follow("[doctor] and if it doesn't get better, give us a call and we'll see you some time next week."),
    ).toEqual(["Follow up next week if it doesn't get better."]);
  });
});

describe('orders and follow-up said in running speech', () => {
  const items = (text: string) => itemsOf(text).map((i) => i.text);

  it('reads a whole order object, without a dangling "and also", and an interval said "about" or as a range', () => {
    expect(
      items(
        "[doctor] now let's get some sort off with some cbc and a bmp. i'm gonna get another ekg and also. i'm gonna get a chest x-ray. why don't we have you come back in about 2 weeks.",
      ),
    ).toEqual(['Order cbc and bmp.', 'Order ekg.', 'Order chest x-ray.', 'Follow up in 2 weeks.']);
    expect(
      items(
        "[doctor] i am going to recommend you for physical therapy, i think it's a good idea to start 3 times a week to get your strength back.",
      ),
    ).toEqual(['Refer to physical therapy 3 times a week.']);
    expect(items('[doctor] we will see you back in about a week to 2 weeks.')).toEqual([
      'Follow up in a week to 2 weeks.',
    ]);
  });
});

describe('notes written from the plan items', () => {
  it('the A&P states the items, not the dictation', () => {
    const d = draftNote(visit);
    const ap = d.sections
      .find((s) => s.id === 'ap')!
      .sentences.map((s) => s.text)
      .join('\n');
    expect(ap).toContain('Start amoxicillin 500 mg 3 times a day for 10 days.');
    expect(ap).toContain('Order throat culture.');
    expect(ap).not.toMatch(/dragon|penicillin|i am sorry/i);
  });

  it('patient instructions carry every dose with "when you need it", each test, follow-up and where to go', () => {
    const d = draftNote(visit, { template: 'patient-instructions' });
    const text = d.note;
    expect(text).toContain('Start taking amoxicillin 500 mg 3 times a day for 10 days.');
    expect(text).toContain('Start taking ibuprofen 400 mg every 6 hours when you need it for the pain.');
    expect(text).toContain('Get this test: throat culture.');
    expect(text).toContain('Come back in 2 weeks.');
    expect(text).toMatch(/go to the emergency room/i);
    expect(text).not.toMatch(/We talked about/);
  });

  it('a core section the visit did not cover says "Not discussed."', () => {
    const d = draftNote(visit);
    expect(d.note).toMatch(/PHYSICAL EXAMINATION\nNot discussed\./);
  });
});

describe('what the valid-set physician review found, as rules', () => {
  const t = parseTranscript(
    [
      '[patient] i take lisinopril 10 mg every day, and ultram sometimes for my back.',
      '[doctor] okay. your physical exam is normal without any significant findings.',
      "[doctor] so for your hypertension, i'd like to increase the lisinopril from 10 mg to 20 mg a day.",
      "[doctor] and i'm going to prescribe some ultram for the pain.",
    ].join('\n'),
  );

  it('"from 10 mg to 20 mg" increases to 20 mg, and the current medication list keeps the dose taken now', () => {
    const d = draftNote(t);
    expect(d.note).toContain('Increase lisinopril to 20 mg a day.');
    expect(d.note).not.toMatch(/Increase lisinopril to 10 mg/);
    expect(d.note).not.toMatch(/• Lisinopril 20 mg/);
  });

  it('a whole-exam statement is the exam, never "Not discussed"', () => {
    expect(draftNote(t).note).toMatch(/PHYSICAL EXAMINATION\n• General: .*physical exam is normal/);
  });

  it('a drug started without a dose sends the patient to the label instead of a bare "start taking"', () => {
    const pi = draftNote(t, { template: 'patient-instructions' }).note;
    expect(pi).toMatch(/Take it as the label says/);
  });
});

describe('devices', () => {
  it('a brace or crutches the doctor gives is a plan item and a patient instruction', () => {
    const t = parseTranscript(
      [
        '[doctor] what happened to your knee?',
        '[patient] i twisted it playing soccer and it hurts.',
        '[doctor] so for your knee sprain, i am going to put you in a hinged knee brace and give you some crutches.',
        '[patient] okay.',
      ].join('\n'),
    );
    const items = planFacts(
      sentencesOf(t),
      () => true,
      () => null,
    );
    expect(items.map((i) => i.text)).toEqual(['Place in hinged knee brace.', 'Provide crutches.']);
    expect(draftNote(t, { template: 'patient-instructions' }).note).toContain('You will get a hinged knee brace.');
  });
});

describe('indications', () => {
  it('a drug given "for pain" says so in the A&P and the instructions', () => {
    const items = planFacts(
      sentencesOf(parseTranscript('[doctor] i will prescribe oxycodone 5 milligrams every 6 to 8 hours for pain.')),
      () => true,
      () => null,
    );
    expect(items[0]).toMatchObject({ text: 'Start oxycodone 5 mg every 6 to 8 hours for pain.' });
    expect(items[0]!.drug?.indication).toBe('for pain');
  });
});

describe('hedged orders', () => {
  it('"potentially ordering a ct or an mri" is a test to consider, not an order', () => {
    const t = parseTranscript(
      [
        '[patient] my right knee hurts since i fell playing basketball.',
        '[doctor] i want to see you back in a week and if we need to we will go on to potentially ordering a cat scan or an mri of that knee.',
      ].join('\n'),
    );
    const note = draftNote(t).note;
    expect(note).toMatch(/Consider CT scan or an MRI/);
    expect(note).not.toMatch(/Order ct scan/);
    const pi = draftNote(t, { template: 'patient-instructions' }).note;
    expect(pi).toMatch(/You may need a CT scan or an MRI scan/);
  });
});

describe('a sig said of the drug just prescribed', () => {
  it('"start meloxicam 15 mg … you should take that daily" is "Start meloxicam 15 mg daily", in the note and the instructions', () => {
    const t = parseTranscript(
      [
        '[patient] my right knee is swollen.',
        "[doctor] so for your knee i'm going to start you on meloxicam 15 mg. you should take that daily for the pain and swelling.",
        '[patient] okay.',
        '[doctor] follow up in 2 weeks.',
      ].join('\n'),
    );
    expect(draftNote(t).note).toMatch(/Start meloxicam 15 mg daily/);
    expect(draftNote(t, { template: 'patient-instructions' }).note).toMatch(/meloxicam 15 mg daily/);
    // A frequency already said is not overwritten by a later pointer.
    const u = parseTranscript(
      ['[patient] my knee hurts.', '[doctor] start meloxicam 15 mg once a day. you can take that at night.'].join('\n'),
    );
    expect(draftNote(u).note).toMatch(/Start meloxicam 15 mg once a day\./);
  });
});

describe('a test already done', () => {
  it('"i had the nurse do an x-ray before i came in" is no order and no plan sentence', () => {
    const d = draftNote(
      parseTranscript(
        [
          '[patient] i fell on my right wrist.',
          '[doctor] on exam your right wrist is swollen.',
          '[patient] okay.',
          '[doctor] so i had the nurse do an x-ray before i came in. for your wrist fracture, we will put you in a splint.',
        ].join('\n'),
      ),
    );
    const ap = d.sections
      .find((s) => s.id === 'ap')!
      .sentences.map((s) => s.text)
      .join(' ');
    expect(ap).not.toMatch(/x-ray/i);
    expect(ap).toMatch(/splint/);
  });
});

describe('drugs a primary-care visit prescribes', () => {
  it('knows topical steroids, combination inhalers and brands said as such, and "i would like you to use …"', () => {
    const meds = itemsOf(
      [
        '[doctor] i would like you to use clobetasol solution twice daily when you get a flare.',
        '[doctor] we will start combivent 2 puffs twice a day.',
        '[doctor] continue your buspar 10 mg twice a day.',
        '[doctor] i am going to prescribe fluocinonide cream for the eczema.',
      ].join('\n'),
    ).filter((i) => i.kind === 'medication');
    expect(meds.map((m) => [m.drug!.name, m.drug!.action])).toEqual([
      ['clobetasol', 'start'],
      ['albuterol/ipratropium', 'start'],
      ['buspirone', 'continue'],
      ['fluocinonide', 'start'],
    ]);
    expect(meds[1]!.text).toBe('Start combivent 2 puffs twice a day.');
  });
});

describe('possibilities and run-on orders', () => {
  it('"we might do some physical therapy" is considered, not referred; an order ends where the next clause starts', () => {
    const items = itemsOf(
      [
        '[doctor] i want to prescribe some meloxicam 15 milligrams a day we might do some physical therapy for that just to strengthen the muscles.',
        '[doctor] we will get you scheduled for the echocardiogram i will have my nurse come in and we will get that set up.',
        '[doctor] i will refer you to cardiology.',
        '[doctor] we will order a hemoglobin a1c and continue the metformin.',
      ].join('\n'),
    );
    expect(items.map((i) => i.text)).toEqual([
      'Start meloxicam 15 mg a day.',
      'Consider physical therapy.',
      'Order echocardiogram.',
      'Refer to cardiology.',
      'Continue metformin.',
      'Order hemoglobin a1c.',
    ]);
  });
});

describe('a condition that governs the next clause', () => {
  it('does not attach to a follow-up said before it', () => {
    const items = itemsOf(
      [
        "[doctor] and then we're gonna check you in two weeks to see if those bones have realigned and if they haven't,",
        "[doctor] then we're gonna have to talk about doing surgery at that time.",
      ].join('\n'),
    );
    expect(items.find((i) => i.kind === 'follow-up')?.text).toBe('Follow up in 2 weeks.');
    const kept = itemsOf("[doctor] if it is not better we'll see you back in two weeks.");
    expect(kept.find((i) => i.kind === 'follow-up')?.text).toMatch(/^Follow up in 2 weeks if/);
  });
});

describe('planFacts: a bare strength', () => {
  it('writes a bare strength of a tablet dosed in milligrams in mg, not a count or another class', () => {
    const items = itemsOf(
      "[doctor] i'm gonna keep you on that 2.5 norvasc. and we'll keep you on the 500 of metformin. take 2 metformin. continue the 75 of synthroid.",
    );
    const meds = items.filter((i) => i.kind === 'medication').map((i) => i.text);
    expect(meds).toContain('Continue norvasc 2.5 mg.');
    expect(meds).toContain('Continue metformin 500 mg.');
    expect(meds.join(' ')).not.toMatch(/\b2 mg\b|75 mg/);
  });
});

describe('plan items said in other words', () => {
  const texts = (text: string, kind?: string) =>
    itemsOf(text)
      .filter((i) => !kind || i.kind === kind)
      .map((i) => i.text);

  it('reads "follow up with cardiology" and "I want you to see a nutritionist" as referrals', () => {
    expect(texts('[doctor] i also recommend that you follow up with cardiology.', 'referral')).toEqual([
      'Follow up with cardiology.',
    ]);
    expect(texts('[doctor] and i also want you to see a nutritionist to give you some education.', 'referral')).toEqual(
      ['Refer to nutritionist.'],
    );
    expect(texts("[doctor] i'm going to refer you to for for physical therapy.", 'referral')).toEqual([
      'Refer to physical therapy.',
    ]);
  });

  it('reads avoiding salty foods and checking weights every day as advice, and a couple of days as a follow-up', () => {
    expect(
      texts('[doctor] continue to watch your diet and avoid salty foods might try keeping a log.', 'counselling'),
    ).toEqual(['Avoid salty foods.']);
    expect(
      texts(
        "[doctor] i'm going to have you check your weights everyday. so have you check your weights daily.",
        'counselling',
      ),
    ).toEqual(['Check the weights daily.']);
    expect(texts("[doctor] i'd like to have you come back in about couple days.", 'follow-up')).toEqual([
      'Follow up in a couple days.',
    ]);
  });

  it('reads "have you use your albuterol and atrovent" as an instruction, not a question', () => {
    expect(texts("[doctor] i'm going to go ahead and have you use your albuterol and atrovent.", 'medication')).toEqual(
      ['Start albuterol.', 'Start atrovent.'],
    );
  });

  it('reads each test of a sentence with the order verb said just before it', () => {
    expect(
      texts(
        "[doctor] i don't think you need an x-ray at this stage if it doesn't get better then we can get an x-ray.",
        'test',
      ),
    ).toEqual(["Order x-ray if it doesn't get better."]);
    expect(
      texts(
        '[doctor] i will also be ordering a cat scan of your lungs which will help confirm the diagnosis as well a pulmonary function test to assess how severe it is.',
        'test',
      ),
    ).toEqual(['Order ct scan of the lungs.', 'Order pulmonary function test.']);
    expect(
      texts(
        '[doctor] and we will do that by ordering an ultrasound elasto elastography with this information.',
        'test',
      ),
    ).toEqual(['Order ultrasound elastography.']);
    expect(
      texts('[doctor] i am going to order a hemoglobin a1c and also a cbc and a chem-12 to check your blood.', 'test'),
    ).toEqual(['Order hemoglobin a1c and cbc and chem-12.']);
  });

  it('keeps two studies of two sites apart, and a study named again without its site with its order', () => {
    expect(
      texts(
        "[doctor] if it doesn't get better then we can get an x-ray.\n[doctor] for your blood pressure i'm going to get a chest x-ray.",
        'test',
      ),
    ).toEqual(["Consider x-ray if it doesn't get better.", 'Order chest x-ray.']);
    expect(
      texts(
        '[doctor] i want to order a ct scan of your abdomen.\n[doctor] the nurse will help you get the cat scan scheduled.',
        'test',
      ),
    ).toEqual(['Order ct scan of the abdomen.']);
  });

  it('reads an oral steroid as a drug, and "some steroids" as the corticosteroid the plan names', () => {
    expect(texts("[doctor] i'm going to prescribe you a course of an oral steroid.", 'medication')).toEqual([
      'Start oral steroid.',
    ]);
    expect(
      texts(
        "[doctor] i'm going to prescribe some steroids to help, also some prednisone.\n[doctor] i'm going to give you some steroids that will help.",
        'medication',
      ),
    ).toEqual(['Start prednisone.']);
  });
});

describe('a follow-up with "or sooner if"', () => {
  it('keeps the condition on coming sooner, not on the follow-up itself', () => {
    const items = itemsOf("[doctor] i'd like to see you back in one week, or sooner if things get worse.");
    expect(items.find((i) => i.kind === 'follow-up')?.text).toMatch(
      /^Follow up in (?:one|1) week, or sooner if things get worse\.$/,
    );
  });
});

describe('a referral said not to be needed', () => {
  it('"I don\'t think you need to follow up with the surgeon anymore" is no referral', () => {
    expect(itemsOf("[doctor] i don't think you need to follow up with the surgeon anymore.")).toEqual([]);
    expect(itemsOf("[doctor] if you don't get better, follow up with cardiology.").map((i) => i.kind)).toEqual([
      'referral',
    ]);
  });
});
