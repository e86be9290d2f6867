import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The draft of a visit given as tagged lines. */
const draftOf = (lines: string[]) => draftNote(parseTranscript(lines.join('\n')));
/** The chief complaint line(s) of the draft. */
const ccOf = (lines: string[]) =>
  draftOf(lines)
    .sections.find((s) => s.title === 'CHIEF COMPLAINT')
    ?.sentences.map((s) => s.text) ?? [];
const sectionOf = (lines: string[], title: RegExp) =>
  draftOf(lines)
    .sections.find((s) => title.test(s.title))
    ?.sentences.map((s) => s.text) ?? [];

describe('chief complaint: the reason for the visit, not a secondary symptom', () => {
  it('the problem the plan treats first, raised before a later symptom, is the complaint', () => {
    const cc = ccOf([
      '[doctor] hi, what brings you in today?',
      "[patient] well, my pcp said i have hepatitis c and i'm really surprised, i feel fine.",
      '[doctor] okay. how have you been feeling otherwise?',
      "[patient] i'm a bit anxious about it, honestly.",
      '[doctor] that makes sense. any nausea or vomiting?',
      '[patient] no.',
      "[doctor] alright, let's do a quick exam. your abdomen is soft and nontender.",
      '[patient] okay.',
      "[doctor] so for your hepatitis c, i'm going to order a viral load and refer you to hepatology.",
      '[patient] okay.',
    ]);
    expect(cc).toEqual(['Hepatitis C.']);
  });

  it('a reason said with a filler between "presents today" and "for" is still the reason', () => {
    const cc = ccOf([
      '[doctor] he is a 61-year-old male who presents today, uh, for a routine follow-up of his chronic medical conditions.',
      '[doctor] good morning, how are you doing?',
      "[patient] i'm doing fine, but i'm having more fatigue lately.",
      '[doctor] okay. any chest pain?',
      '[patient] no.',
    ]);
    expect(cc).toEqual(['Routine follow-up of chronic medical conditions.']);
  });

  it('"for evaluation of" early in the history names the reason, and it ends where the next clause begins', () => {
    const cc = ccOf([
      '[doctor] hey, good to see you. so i see here in my notes for evaluation of kidney stones your pcp said you had some kidney stones, can you tell me what happened?',
      '[patient] yeah, about a week ago i had this sudden pain in my right back and i got nauseated.',
      '[doctor] okay. does the pain radiate?',
      '[patient] down toward my groin.',
    ]);
    expect(cc).toEqual(['Kidney stones.']);
  });

  it('"here to establish care for a history of" names the complaint, without a "presents for history of" HPI', () => {
    const lines = [
      '[doctor] this is a new patient visit. she is here to establish care for a history of dcis.',
      '[doctor] hello, nice to meet you.',
      '[patient] hi. my back has been aching a bit lately too.',
      '[doctor] okay, we will get to that.',
    ];
    expect(ccOf(lines)).toEqual(['History of DCIS.']);
    expect(sectionOf(lines, /HISTORY OF PRESENT ILLNESS/).join(' ')).not.toMatch(/presents for history/i);
  });

  it('a weak urinary stream is no weakness', () => {
    const ros = sectionOf(
      [
        '[doctor] hi, what brings you in?',
        "[patient] i'm just not peeing right lately.",
        '[doctor] okay. is your urination stream weak?',
        '[patient] yeah, i would say so.',
      ],
      /REVIEW OF SYSTEMS/,
    ).join(' ');
    expect(ros).not.toMatch(/Endorses weakness/);
    expect(ros).toMatch(/weak urinary stream/);
  });
});

describe('the reason without its pointing word', () => {
  it('"for evaluation of that right elbow pain" is "Right elbow pain."', () => {
    const d = draftNote(
      parseTranscript(
        [
          "[doctor] so you're here today for evaluation of that right elbow pain. how long has it been going on?",
          '[patient] about a week.',
          '[doctor] on exam there is tenderness of the medial epicondyle.',
        ].join('\n'),
      ),
    );
    expect(d.sections.find((s) => s.id === 'cc')?.sentences[0]?.text).toBe('Right elbow pain.');
  });
});

describe('chief complaint: written the way clinicians head a note', () => {
  it('a post-operative visit the opening dictates as "status post" is a follow-up after that procedure', () => {
    const cc = ccOf([
      "[doctor] patient is jane doe. she's a 40-year-old female post bilateral reduction mammoplasty on 10-10.",
      '[doctor] hey, how are you?',
      "[patient] good, i've been doing good.",
      '[doctor] any fever or chills?',
      '[patient] no.',
    ]);
    expect(cc).toEqual(['Follow-up after bilateral reduction mammoplasty.']);
  });

  it('"any complications post surgery?" is a question, not the reason for the visit', () => {
    const cc = ccOf([
      '[doctor] any surgical history?',
      '[patient] i had my thyroid taken out.',
      '[doctor] did you have any complications post surgery?',
      '[patient] nothing out of the ordinary.',
    ]);
    expect(cc.join(' ')).not.toMatch(/follow-up after/i);
  });

  it('the reading the patient answers "what brings you in" with heads the note, not a later associated symptom', () => {
    const cc = ccOf([
      '[doctor] hi, how are you today? what brings you in?',
      '[patient] my new pcp noticed that my blood pressure has been quite high, even on two medications.',
      '[doctor] okay. do you check it at home?',
      '[patient] yes, it was one seventy over ninety the other day.',
      '[doctor] any headaches?',
      '[patient] yes, a mild headache sometimes.',
    ]);
    expect(cc).toEqual(['Elevated blood pressure.']);
  });

  it('a condition named in answer to the opening question is the complaint; a symptom named first stays', () => {
    const asthma = ccOf([
      '[doctor] good morning.',
      '[patient] good morning doctor, i am a little sad to be in here but thanks for taking me in.',
      '[doctor] sure. what can i help you with today?',
      "[patient] i've been dealing with my asthma, and it's getting hard to play sports.",
      '[doctor] okay, tell me about the asthma first.',
    ]);
    expect(asthma).toEqual(['Asthma.']);
    const cough = ccOf([
      '[doctor] good morning. what can i help you with today?',
      "[patient] i've had a cough for two weeks, and my asthma is acting up.",
      '[doctor] okay.',
    ]);
    expect(cough.join(' ')).toMatch(/cough/i);
  });

  it('a reason without its possessives, "some" or "complaints of", with "follow-up" spelled as written', () => {
    expect(
      ccOf([
        '[doctor] he is a 62-year-old male who presents for emergency room followup for some chest pain.',
        '[doctor] hi, how are you?',
      ]),
    ).toEqual(['Emergency room follow-up for chest pain.']);
    expect(
      ccOf(['[doctor] she is a 50-year-old female who presents with complaints of joint pain.', '[doctor] hi.']),
    ).toEqual(['Joint pain.']);
  });

  it('a body part alone as the reason is the pain there; a reason offered as alternatives waits for the answer', () => {
    expect(
      ccOf([
        '[doctor] ms. smith is a 48-year-old female here for a right elbow. so, tell me what happened.',
        '[patient] i was moving boxes and now it really hurts.',
      ]),
    ).toEqual(['Right elbow pain.']);
    expect(
      ccOf([
        "[doctor] you're here for your hip today, or your leg today?",
        '[patient] yes. i hurt the top part of my right leg here.',
        "[doctor] she's a 43-year-old patient. she's here for right leg pain.",
        '[patient] yes.',
      ]),
    ).toEqual(['Right leg pain.']);
  });

  it('the reason ends before "<name> is accompanied by"', () => {
    expect(
      ccOf([
        '[doctor] karen is a 3-year-old female who comes in for evaluation of a new right eye twitch karen is accompanied by her father hi karen',
        "[patient] i'm okay.",
      ]),
    ).toEqual(['New right eye twitch.']);
  });
});
