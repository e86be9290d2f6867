/**
 * Short visits said in phrasings the train visits do not use: a finding the doctor states without announcing the exam,
 * the complaint the patient came with rather than a symptom they confirmed when screened, a dose the course steps up
 * to, a therapist's number given, the patient's answer to the last history question, and a greeting before the story.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, examOf, itemsOf, sectionOf } from './draft-helpers.js';

const section = (lines: string[], title: RegExp) => sectionOf(draftOf(lines), title).join(' ');

describe('short visits in unseen phrasings', () => {
  it('files a finding stated without an announced exam under the exam, apart from the diagnosis', () => {
    const lines = [
      '[doctor] show me that hand',
      '[patient] it swelled up after i got stung by something two days ago',
      '[doctor] any trouble breathing',
      '[patient] no',
      '[doctor] any other reactions before',
      '[patient] not that i know of',
      '[doctor] okay your hand is swollen and warm with a clear center i think this is a large local reaction',
      '[doctor] take cetirizine 10 milligrams once a day for five days',
    ];
    const exam = examOf(lines).join(' ');
    expect(exam).toMatch(/hand is swollen and warm/i);
    expect(exam).not.toMatch(/local reaction/i);
  });

  // The finding is exam now (above), and the exam phase kept no sentence that reads out a vital: without the vitals
  // exception this finding was lost.
  it('keeps a finding said before the vitals in one breath', () => {
    const lines = [
      '[doctor] what has been going on',
      '[patient] i get short of breath climbing stairs',
      '[doctor] any chest pain',
      '[patient] no',
      '[doctor] how long has it been',
      '[patient] about a month',
      '[doctor] okay when i listen there are faint crackles at both bases your oxygen saturation is 94 percent',
      '[doctor] we will get a chest x-ray and an echocardiogram',
    ];
    expect(examOf(lines).join(' ')).toMatch(/crackles at both bases/i);
  });

  it('heads the note with the assessed problem, not a symptom only confirmed when screened', () => {
    const lines = [
      '[doctor] let me look at that big toe',
      '[patient] it has been throbbing since the weekend and i can not put a sock on',
      '[doctor] any fever or sweats',
      '[patient] some sweats last night',
      '[doctor] okay the joint is red hot and swollen',
      '[doctor] this is gout i will give you colchicine 0.6 milligrams twice a day',
    ];
    expect(section(lines, /chief complaint/i)).not.toMatch(/sweats/i);
  });

  it('states the dose a course steps up to', () => {
    const items = itemsOf([
      '[doctor] we will start escitalopram 5 milligrams daily for two weeks and then increase to 10',
    ]).join(' ');
    expect(items).toMatch(/escitalopram 5 mg daily for 2 weeks, then increase to 10 mg/i);
  });

  it('reads the number given for a counselor as a referral and "touch base" as the follow-up', () => {
    const items = itemsOf(['[doctor] i will give you the number for a counselor and we can touch base in three weeks']);
    expect(items.join(' ')).toMatch(/counselor/i);
    expect(items).toContain('Follow up in 3 weeks.');
  });

  it('keeps the answer to the last history question in the history', () => {
    const lines = [
      '[doctor] what brings you in',
      '[patient] my nose has been stuffy for two weeks',
      '[doctor] any facial pain',
      '[patient] a little over my cheeks',
      '[doctor] any fever',
      '[doctor] and do you smoke',
      '[patient] yes around a pack a day',
      '[doctor] i think this is sinusitis so i am going to give you amoxicillin 500 milligrams three times a day for ten days',
    ];
    expect(section(lines, /social/i)).toMatch(/smokes around a pack per day/i);
  });

  it("drops a greeting before the patient's story", () => {
    const lines = [
      '[doctor] morning what can i do for you',
      '[patient] hey doc so my ankle has been hurting for two weeks since i twisted it',
      '[doctor] any swelling',
      '[patient] yes',
      '[doctor] this is an ankle sprain we will wrap it',
    ];
    expect(section(lines, /history of present/i)).not.toMatch(/\b(?:hey|doc)\b/i);
  });
});

describe('a short urinary visit with no spoken plan cue', () => {
  // The plan is never announced ("so this looks like…", "we'll do…"): the findings and the dipstick said before the
  // order are the exam and the results, not the A&P's reasoning.
  const lines = [
    '[doctor] good morning, what can i do for you today?',
    '[patient] hi doc. so for the last four days it burns when i pee and i keep running to the bathroom.',
    '[doctor] any blood in the urine?',
    "[patient] i don't think so.",
    '[doctor] fevers, chills, back pain?',
    '[patient] no fevers. my lower back is a little achy though.',
    '[doctor] any nausea or vomiting?',
    '[patient] nope.',
    '[doctor] any allergies to medications?',
    '[patient] sulfa drugs give me a rash.',
    '[doctor] okay. let me take a look. temperature is 98.9, blood pressure 124/78.',
    '[doctor] you have mild tenderness over the bladder, no tenderness over the kidneys.',
    '[doctor] your urine dip shows leukocytes and nitrites.',
    "[doctor] so this looks like a simple bladder infection. we'll do nitrofurantoin 100 mg twice a day for five days. i'll send a urine culture too.",
    '[doctor] drink plenty of fluids. if you get a fever, flank pain or vomiting, call us or go to the er.',
    '[patient] okay, thank you.',
  ];
  it('files bladder and kidney tenderness under genitourinary', () => {
    expect(examOf(lines).join(' ')).toMatch(
      /Genitourinary: Mild tenderness over the bladder, no tenderness over the kidneys/,
    );
  });
  it('writes the dipstick as a result, not as reasoning', () => {
    expect(section(lines, /^RESULTS$/).toLowerCase()).toMatch(/urine dip: leukocytes and nitrites/);
    expect(section(lines, /ASSESSMENT/)).not.toMatch(/leukocytes/);
  });
});

describe('a foot exam opened with "let\'s look at your feet"', () => {
  it('files the findings under the exam, not the history', () => {
    const lines = [
      "[doctor] morning. so you're here for your diabetes check?",
      "[patient] yep. and honestly i've been slacking a bit on my diet since the holidays.",
      '[doctor] how have your sugars been at home?',
      "[patient] fasting they're usually between 150 and 180.",
      '[doctor] any tingling or numbness in your feet?',
      '[patient] a little tingling in my toes at night, started maybe a month ago.',
      "[doctor] okay. let's look at your feet. monofilament sensation is decreased on both big toes. pulses are good.",
      '[doctor] your a1c came back at 8.4, up from 7.6 three months ago.',
      "[doctor] so your diabetes is not well controlled and you're starting to get some neuropathy in your feet.",
      "[doctor] we'll add jardiance 10 mg once a day on top of the metformin.",
    ];
    expect(examOf(lines).join(' ')).toMatch(/Monofilament sensation is decreased on both big toes/);
  });
});
