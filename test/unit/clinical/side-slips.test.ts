import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../core/clinical/index.js';
import { sideSlips } from '../../../core/clinical/sides.js';
import { draftOf, examOf, sectionOf } from './draft-helpers.js';

describe('sides: a side said by mistake is not written', () => {
  it('leaves out the side of a single slip against the side the patient and the visit use', () => {
    const visit = [
      '[doctor] what brings you in today?',
      '[patient] my right knee has ached for about two weeks since i twisted it skiing.',
      '[doctor] does the right knee lock or catch?',
      '[patient] sometimes it catches on the stairs.',
      '[doctor] okay, let me examine your left knee. there is tenderness along the medial joint line and a small effusion.',
      '[patient] ouch, yes.',
      '[doctor] for your right knee pain i suspect a medial meniscus tear, so i will order an mri of the right knee.',
    ];
    const exam = examOf(visit);
    expect(exam.join(' ')).toMatch(/medial joint line/);
    expect(exam.join(' ')).not.toMatch(/\bleft\b/i);
    // The side the rest of the visit uses is still written where it was said.
    expect(sectionOf(draftOf(visit), /ASSESSMENT/).join(' ')).toMatch(/right knee/i);
  });

  it('writes neither side where the patient and the clinician each name a different side', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] my left ankle hurts after i rolled it on a curb.',
      '[doctor] okay so the right ankle rolled inward?',
      '[patient] yes, and my left ankle swelled up right away.',
      '[doctor] let me look at the right ankle. there is swelling over the lateral malleolus and tenderness over the anterior talofibular ligament.',
      '[patient] that hurts.',
      '[doctor] this is a sprain, we will give you a brace.',
    ];
    const note = draftOf(visit).note;
    expect(note).toMatch(/lateral malleolus/);
    expect(note).not.toMatch(/\b(?:left|right) ankle/i);
  });

  it('keeps the side examined and planned for over one the patient said once', () => {
    const visit = [
      '[doctor] i see you hurt your left wrist playing basketball.',
      '[patient] yes, i landed on my right wrist when i fell.',
      '[doctor] have you hurt the left wrist before?',
      '[patient] no.',
      '[doctor] on exam of your left wrist there is tenderness over the anatomic snuffbox.',
      '[patient] ouch.',
      '[doctor] for your left wrist pain i am worried about a scaphoid fracture, so we will put you in a thumb spica splint.',
    ];
    const note = draftOf(visit).note;
    expect(note).toMatch(/left wrist/i);
    expect(note).not.toMatch(/right wrist/i);
  });

  it('keeps both sides where the visit compares them', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] my right knee is swollen.',
      '[doctor] let me compare both knees. your right knee has a moderate effusion and warmth. your left knee is normal.',
      '[patient] okay.',
      '[doctor] i will drain the right knee today and send the fluid for analysis.',
    ];
    expect(sideSlips(parseTranscript(visit.join('\n')))).toEqual([]);
    expect(examOf(visit).join(' ')).toMatch(/Right knee has a moderate effusion/);
  });

  it('does not read an operation on the other side as a slip', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] my left hip has been aching for months.',
      '[doctor] and you had your right hip replaced in 2015?',
      '[patient] yes and that one has been great.',
      '[doctor] on exam your left hip has reduced internal rotation with pain in the groin.',
      '[patient] yes.',
      '[doctor] i think this is arthritis of the left hip. we will get an x-ray of the left hip.',
    ];
    expect(sideSlips(parseTranscript(visit.join('\n')))).toEqual([]);
  });

  it('does not read two eyes the patient names as a slip', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] the vision in my right eye is getting blurry.',
      '[doctor] how long has that been going on?',
      '[patient] about a month. my left eye has always been my weak one.',
      '[doctor] and the right eye has no pain?',
      '[patient] no pain.',
      '[doctor] is the right eye red at all?',
      '[patient] no.',
    ];
    expect(sideSlips(parseTranscript(visit.join('\n')))).toEqual([]);
  });

  it('does not read a question about the other side as a slip', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] my left knee has been swelling up after soccer.',
      '[doctor] on exam your left knee has a moderate effusion and warmth, with pain on deep flexion.',
      '[patient] yes it is sore.',
      '[doctor] how about the right knee, any trouble there?',
      '[patient] no, it is fine.',
      '[doctor] we will drain the left knee today.',
    ];
    expect(sideSlips(parseTranscript(visit.join('\n')))).toEqual([]);
  });
});
