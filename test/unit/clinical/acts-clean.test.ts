/**
 * Dialogue acts (voice commands, small talk), spoken-text clean-up and number normalisation: no transcript artefact,
 * voice command or small talk reaches a note, and numbers keep their decimals.
 */
import { describe, expect, it } from 'vitest';
import { classifyAct, isNoteProse, voiceCommand } from '../../../core/clinical/acts.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { normalizeNumbers, numbersIn, unsupportedNumbers } from '../../../core/clinical/numbers.js';
import {
  cleanSpoken,
  finishSentence,
  hasAsrTag,
  isCutOff,
  toThirdPerson,
  trimDangling,
} from '../../../core/clinical/rewrite.js';

const doctor = (text: string) => classifyAct({ text, speaker: 'doctor' });
const patient = (text: string) => classifyAct({ text, speaker: 'patient' });

describe('dialogue acts: voice commands', () => {
  it('recognises commands to the voice assistant, with or without the wake word', () => {
    expect(doctor('hey, dragon, show me the blood pressure readings.')).toEqual({
      act: 'voice-command',
      command: 'show',
    });
    expect(doctor('show me the right knee x-ray.')).toEqual({ act: 'voice-command', command: 'show' });
    expect(doctor('hey dragon.')).toEqual({ act: 'voice-command', command: 'wake' });
    expect(doctor('hey, dragon, finalize the note.')).toMatchObject({ command: 'navigate' });
    expect(
      doctor("so i know the nurse told you about dax. i'd like to tell dax a little bit about you."),
    ).toMatchObject({
      command: 'recording',
    });
    expect(doctor('okay, start recording.')).toMatchObject({ act: 'voice-command', command: 'navigate' });
    expect(doctor("let's end the conversation here.")).toMatchObject({ act: 'voice-command' });
  });

  it('recognises dictation instructions to the scribe', () => {
    expect(doctor('please use the default normal exam with the following changes.')).toMatchObject({
      command: 'template',
    });
    expect(doctor('please use my general physical exam template.')).toMatchObject({ command: 'template' });
    expect(doctor('our next patient is paul edwards, date of birth is january 15th 1962.')).toMatchObject({
      command: 'navigate',
    });
    expect(doctor('end of dictation.')).toMatchObject({ command: 'navigate' });
    expect(doctor("let's put that in.")).toMatchObject({ command: 'insert' });
    expect(doctor('go ahead and add that to the plan.')).toMatchObject({ command: 'insert' });
    for (const edit of ['new paragraph.', 'period.', 'scratch that.'])
      expect(doctor(edit), edit).toMatchObject({ act: 'voice-command', command: 'edit' });
  });

  it("keeps what an order to the assistant orders, without the command's wording", () => {
    expect(doctor('hey dragon, order metformin 500 mg twice a day.')).toEqual({
      act: 'voice-command',
      command: 'order',
      content: 'metformin 500 mg twice a day',
    });
    expect(doctor('order an echocardiogram.')).toMatchObject({ command: 'order', content: 'echocardiogram' });
    // An order that names nothing in particular carries no content.
    expect(doctor('hey dragon, go ahead and order any medications or procedures discussed.')).toEqual({
      act: 'voice-command',
      command: 'order',
    });
    // Dictated content is kept as content.
    expect(doctor('in the result section, note that her ecog performance status today is zero.')).toMatchObject({
      command: 'insert',
      content: 'her ecog performance status today is zero',
    });
    expect(doctor('genitalia notate: left testicle normal, no hernia.')).toMatchObject({
      content: 'genitalia: left testicle normal, no hernia',
    });
  });

  it('does not take talk to the patient for a command', () => {
    expect(doctor("i'm going to order an x-ray of your knee.")).toEqual({ act: 'order' });
    expect(doctor('can you show me where it hurts?').act).not.toBe('voice-command');
    expect(doctor('when was your last menstrual period?').act).not.toBe('voice-command');
    expect(patient('the week before my period my anxiety goes up.').act).toBe('clinical');
    expect(voiceCommand({ text: 'my knee hurts when i climb stairs.', speaker: 'patient' })).toBeNull();
  });
});

describe('dialogue acts: small talk and the rest', () => {
  it('recognises greetings, pleasantries, weather, sports and the doctor’s own life', () => {
    for (const t of [
      'hi, martha.',
      'how are you doing?',
      'it was good to see you.',
      'nice to meet you as well.',
      'i just love this weather.',
      "i'm definitely more of a fall person.",
      'did you watch the super bowl?',
      'do you have any questions for me?',
      "i'm really happy for you.",
    ])
      expect(doctor(t), t).toEqual({ act: 'smalltalk' });
    expect(patient('yes, fall foliage is the best.')).toEqual({ act: 'smalltalk' });
  });

  it("keeps the patient's own life and anything clinical", () => {
    expect(patient("i've been traveling a lot and doing a lot of hiking.").act).toBe('clinical');
    expect(patient('my asthma gets worse in hot weather.').act).toBe('clinical');
    expect(doctor("i'm glad to see that you're in therapy and it's helping.").act).not.toBe('smalltalk');
    expect(doctor("and then i'll see you again in 3 months do you have any questions").act).not.toBe('smalltalk');
  });

  it('labels exam dictation, result review, orders and counselling', () => {
    expect(doctor('on exam, your lungs are clear to auscultation bilaterally.').act).toBe('exam-dictation');
    expect(doctor('your x-ray shows some mild arthritis.').act).toBe('result-review');
    expect(doctor("i'm going to prescribe ibuprofen 800 mg.").act).toBe('order');
    expect(doctor('i want you to ice it twice a day.').act).toBe('counselling');
    expect(patient('it started about two weeks ago.').act).toBe('clinical');
    expect(isNoteProse({ act: 'smalltalk' })).toBe(false);
    expect(isNoteProse({ act: 'result-review' })).toBe(true);
  });
});

describe('finishSentence', () => {
  it('drops the words a run-on was cut after, and keeps short or whole sentences', () => {
    expect(finishSentence('he states that he guesses he just feels tired every.')).toBe(
      'He states that he guesses he just feels tired.',
    );
    expect(finishSentence('order bmp and urinalysis and urine culture if')).toBe(
      'Order bmp and urinalysis and urine culture.',
    );
    expect(finishSentence('and you heard that pop so what')).toBe('And you heard that pop.');
    expect(finishSentence('take it as needed for pain.')).toBe('Take it as needed for pain.');
    expect(finishSentence('put it on')).toBe('Put it on.');
    // A preposition its verb takes ends a whole clause: "what type of anemia we're dealing with" is not cut.
    expect(finishSentence("labs to see what type of anemia we're dealing with.")).toBe(
      "Labs to see what type of anemia we're dealing with.",
    );
    expect(finishSentence('labs to see if the anemia is from the iron or')).toBe(
      'Labs to see if the anemia is from the iron.',
    );
    expect(cleanSpoken("it's, uh0.6 i think")).not.toMatch(/uh/);
    // The tokenised transcript's "uh , .6" keeps its number apart from the hesitation.
    const turn = parseTranscript("[doctor] your psa is good . it's , uh , .6 i think .\n[patient] okay .").turns[0]!
      .text;
    expect(turn).not.toMatch(/uh0/);
    expect(turn).toMatch(/\b0\.6\b/);
    expect(parseTranscript('[doctor] her creatinine was .7 not .8 .\n[patient] ok .').turns[0]!.text).toMatch(
      /was 0\.7 not 0\.8/,
    );
  });
});

describe('cleanSpoken', () => {
  it('removes ASR tags', () => {
    expect(cleanSpoken('<INAUDIBLE_SPEECH/> my knee [inaudible] hurts (laughs) a lot <laughter>')).toBe(
      'my knee hurts a lot',
    );
    expect(hasAsrTag('it hurts [crosstalk]')).toBe(true);
    expect(hasAsrTag('it hurts a lot')).toBe(false);
  });

  it('removes fillers without touching the same words used for content', () => {
    expect(cleanSpoken('um, i have been having, uh, headaches, you know, for about two weeks.')).toBe(
      'i have been having headaches for about 2 weeks.',
    );
    expect(cleanSpoken('record them for like, about a week')).toBe('record them for about a week');
    expect(cleanSpoken('it went to like one fifty')).toBe('it went to one fifty');
    expect(cleanSpoken('i mean, i get it')).toBe('i get it');
    expect(cleanSpoken('it kind of hurts')).toBe('it hurts');
    // Content that looks like a filler.
    expect(cleanSpoken('i like to walk every day')).toBe('i like to walk every day');
    expect(cleanSpoken('it feels like a burning')).toBe('it feels like a burning');
    expect(cleanSpoken('do you know what the dose is')).toBe('do you know what the dose is');
    expect(cleanSpoken('what kind of pain is it')).toBe('what kind of pain is it');
    expect(cleanSpoken('we went to the er')).toBe('we went to the er');
    expect(cleanSpoken('a 2 mm nodule')).toBe('a 2 mm nodule');
  });

  it('removes stutters and repeated phrases', () => {
    expect(cleanSpoken("it's it's been hurting")).toBe("it's been hurting");
    expect(cleanSpoken('i, i just feel tired')).toBe('i just feel tired');
    expect(cleanSpoken("i, i've been good")).toBe("i've been good");
    expect(cleanSpoken('there is tenderness on your on your flank')).toBe('there is tenderness on your flank');
    expect(cleanSpoken('naprosyn five hundred five hundred milligrams twice a day')).toBe(
      'naprosyn 500 milligrams twice a day',
    );
    expect(cleanSpoken('i had had surgery before')).toBe('i had had surgery before');
  });

  it('repairs false starts and restarted subjects', () => {
    expect(cleanSpoken("we'll do - we're going to do an x-ray")).toBe("we're going to do an x-ray");
    expect(cleanSpoken("i'm … i'm, uh, like exerting myself")).toBe("i'm exerting myself");
    expect(cleanSpoken("we'll put you on, um … we'll change your blood pressure regimen")).toBe(
      "we'll change your blood pressure regimen",
    );
    expect(cleanSpoken('so i have … it helps when i get up and move')).toBe('it helps when i get up and move');
    expect(cleanSpoken("let's go ahead and we'll increase the metformin")).toBe("we'll increase the metformin");
    expect(cleanSpoken("i don't know if i can")).toBe("i don't know if i can");
    expect(cleanSpoken('take 20 mg, scratch that, 40 mg daily')).toBe('40 mg daily');
  });

  it('leaves only the content of a voice command', () => {
    expect(cleanSpoken('hey, dragon, show me the labs.')).toBe('');
    expect(cleanSpoken('hey dragon, order ultram 50 milligrams every 6 hours as needed for pain.')).toBe(
      'ultram 50 milligrams every 6 hours as needed for pain',
    );
  });

  it('tells a cut-off sentence from one a split left a conjunction on', () => {
    expect(isCutOff('her right knee does show a little bit of')).toBe(true);
    expect(isCutOff('his levels were less than 300 to begin with')).toBe(false);
    expect(trimDangling('he has been managing through his depression, and.')).toBe(
      'he has been managing through his depression.',
    );
    expect(trimDangling('there is tenderness on the right flank as')).toBe('there is tenderness on the right flank');
  });
});

describe('normalizeNumbers', () => {
  it('writes spoken numbers as digits, keeping decimals', () => {
    const cases: Array<[string, string]> = [
      ['temperature is ninety eight point one', 'temperature is 98.1'],
      ['take point five milligrams', 'take 0.5 milligrams'],
      ['two point five milligrams daily', '2.5 milligrams daily'],
      ['zero point four milligrams', '0.4 milligrams'],
      ['two and a half milligram pills', '2.5 milligram pills'],
      ["it's, uh, .6 i think", "it's, uh, 0.6 i think"],
      ['a hundred and twenty pounds', '120 pounds'],
      ['a fifty-year-old female', 'a 50-year-old female'],
      ['one to two weeks', '1 to 2 weeks'],
      ['type two diabetes', 'type 2 diabetes'],
    ];
    for (const [spoken, written] of cases) expect(normalizeNumbers(spoken), spoken).toBe(written);
  });

  it('writes blood pressures, ratios and the a1c as clinicians do', () => {
    expect(normalizeNumbers('blood pressure is one twenty over eighty')).toBe('blood pressure is 120/80');
    expect(normalizeNumbers('it was 120 over 80 today')).toBe('it was 120/80 today');
    expect(normalizeNumbers('one sixty nine over seventy four')).toBe('169/74');
    expect(normalizeNumbers('it could be one forty for the top')).toBe('it could be 140 for the top');
    expect(normalizeNumbers('a three out of six systolic ejection murmur')).toBe('a 3/6 systolic ejection murmur');
    expect(normalizeNumbers('pain is eight out of ten')).toBe('pain is 8/10');
    expect(normalizeNumbers('her a one c of seven point two')).toBe('her a1c of 7.2');
  });

  it('leaves words that are not measurements', () => {
    for (const t of [
      'one of them',
      'no one knows',
      'at one point it resolved',
      'the point is',
      'nine one one',
      'vision of twenty twenty',
      'at two thirty it was okay',
      'someone often has done it',
    ])
      expect(normalizeNumbers(t), t).toBe(t);
    expect(normalizeNumbers('at some point five years ago')).toBe('at some point 5 years ago');
    // After "in", "twenty twenty" is the year (spoken-years.test.ts).
    expect(normalizeNumbers('in twenty twenty')).toBe('in 2020');
  });

  it('is stable, and numbersIn reads the same values before and after it', () => {
    const texts = [
      'temperature ninety eight point six, blood pressure one twenty over eighty, pulse seventy two',
      'take two and a half milligrams, then point five, for about five weeks; a one c seven point two',
      'nine one one, one thirty five, twenty twenty, a hundred and twenty pounds, 1,500 steps',
    ];
    for (const t of texts) {
      const once = normalizeNumbers(t);
      expect(normalizeNumbers(once)).toBe(once);
      expect(new Set(numbersIn(t))).toEqual(new Set(numbersIn(once)));
    }
    expect(numbersIn('ninety eight point one')).toEqual([98.1]);
    expect(unsupportedNumbers('Temperature 98.1 °F.', 'temperature ninety eight point one')).toEqual([]);
    expect(unsupportedNumbers('Temperature 98 °F.', 'temperature ninety eight point one')).toEqual([98]);
    // Digits inside names are not values.
    expect(numbersIn('hemoglobin a1c, vitamin b12')).toEqual([]);
  });
});

describe('parsing and drafting', () => {
  const visit = [
    '[doctor] hi, martha. how are you?',
    "[patient] i'm doing okay. how are you?",
    "[doctor] i'm good. so i know the nurse told you about dax. i'd like to tell dax a little bit about you.",
    '[doctor] martha is a 50-year-old female with hypertension who presents for follow-up of headaches.',
    '[doctor] so how have you been feeling?',
    "[patient] um, i've been, i've been having, uh, headaches, you know, for about two weeks. <INAUDIBLE_SPEECH/> they're worse in the morning and it feels like a pressure behind my eyes.",
    "[doctor] i just love this weather. i'm definitely more of a fall person.",
    '[patient] yes, fall foliage is the best.',
    '[doctor] have you been taking your lisinopril?',
    '[patient] yes, i take it every day. i like to walk in the evening too, like about two miles.',
    '[doctor] okay. let me take a look at you. hey, dragon, show me the blood pressure.',
    '[doctor] your temperature is ninety eight point one and your blood pressure is one forty over ninety.',
    '[doctor] hey, dragon, show me the labs. your a one c is six point two, which is fine.',
    "[doctor] so for your hypertension, i'm going to increase your lisinopril to twenty milligrams a day. hey, dragon, order lisinopril twenty milligrams daily.",
    '[patient] okay, sounds good.',
    '[doctor] any questions for me? hey dragon, finalize the note.',
  ].join('\n');

  it('normalises numbers and pauses in turns, after the words served role inference', () => {
    const t = parseTranscript(visit);
    expect(t.turns[11]!.text).toBe('your temperature is 98.1 and your blood pressure is 140/90.');
    expect(parseTranscript("[patient] i'm ... i'm favoring my back").turns[0]!.text).toBe("i'm … i'm favoring my back");
    const untagged = parseTranscript('how long has the knee hurt?\nabout two weeks.\nany swelling?\nno.');
    expect(untagged.turns[1]!.text).toBe('about 2 weeks.');
  });

  it('drafts no voice command, small talk, filler, stutter or ASR tag, and keeps decimals', () => {
    const { note } = draftNote(parseTranscript(visit));
    expect(note).not.toMatch(
      /dragon|\bdax\b|finali[sz]e|show me|weather|foliage|fall person|questions for me|\bum\b|\buh\b|you know|inaudible|<|i've been, i've been/i,
    );
    expect(note).toMatch(/headaches for about 2 weeks/i);
    expect(note).toMatch(/likes to walk/i);
    expect(note).not.toMatch(/\b98(?!\.1)\b/);
    expect(note).not.toMatch(/\border lisinopril\b/i);
  });
});

describe('patient idioms', () => {
  it('reads "I\'ve been better" as feeling unwell, not as improvement', () => {
    expect(toThirdPerson("well i've been better for the last several weeks.", 'patient', 'male')).toBe(
      'well he has not been feeling well for the last several weeks.',
    );
    expect(toThirdPerson("i've been better since i started the pills.", 'patient', 'male')).toMatch(
      /has been better since/,
    );
  });
});

describe("the doctor's 'make sure you'", () => {
  it('keeps "you" the subject after "make sure"', () => {
    expect(toThirdPerson('make sure you follow up with your surgeon next week.', 'doctor', 'female')).toBe(
      'make sure she follows up with her surgeon next week.',
    );
  });
});
