import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf, itemsOf } from './draft-helpers.js';
import { extractionContext } from '../../../core/clinical/extract.js';
import { characterisation } from '../../../core/clinical/hpi.js';
import { parseTranscript } from '../../../core/clinical/index.js';
import { lexicons } from '../../../core/clinical/lexicon.js';
import { readsAsNote, repairRegister } from '../../../core/clinical/register.js';
import { cleanSpoken } from '../../../core/clinical/rewrite.js';

/** A back-injury visit whose story opens with `story` (the patient's answer to "what happened?"). */
const backVisit = (opening: string[]) => [
  ...opening,
  '[doctor] okay, and how long ago was that?',
  '[patient] about 5 days ago.',
  '[doctor] any numbness or tingling in your legs?',
  '[patient] no.',
  '[doctor] have you taken anything for it?',
  '[patient] some ibuprofen, it helps a little.',
  '[doctor] any bowel or bladder problems?',
  '[patient] no.',
  "[doctor] alright, let's do a quick physical exam. there is tenderness of the right lumbar paraspinal muscles.",
  '[patient] okay.',
  '[doctor] for your lumbar strain, i will start meloxicam 15 mg once a day.',
  '[patient] okay.',
];

describe('facts a draft used to miss', () => {
  it('keeps how the injury happened when it was lifting or moving something heavy, without who asked for it', () => {
    const hpi = sectionOf(
      draftOf(
        backVisit([
          '[doctor] so, bryan, what happened to your back?',
          '[patient] my wife made me push a refrigerator out through the other room, and when i was helping to move it, i felt something in my back on the lower right side.',
        ]),
      ),
      /present illness/i,
    ).join(' ');
    expect(hpi).toMatch(/had to push a refrigerator/);
    expect(hpi).not.toMatch(/wife/);
  });

  it('reads an unmarked "could you tell me what happened" as asking for the mechanism', () => {
    const hpi = sectionOf(
      draftOf(
        backVisit([
          '[doctor] alright so i see that you are experiencing some back pain could you tell me what happened',
          '[patient] yeah well i was playing tennis and i was trying to volley the ball',
          '[doctor] mm-hmm',
          '[patient] and i twisted and felt a pull in my lower back',
        ]),
      ),
      /present illness/i,
    ).join(' ');
    expect(hpi).toMatch(/playing tennis/);
  });

  it('writes the injury the doctor reads back from the referral, unless the patient names the other side', () => {
    const said = (side: string) =>
      sectionOf(
        draftOf(
          backVisit([
            `[doctor] so i see here that your primary care provider sent you over it looks like you were doing some yard work yesterday and dropped a landscape brick on your ${side} foot can you tell me more`,
            '[patient] yeah it hurts, it is my right foot and my back.',
          ]),
        ),
        /present illness/i,
      ).join(' ');
    expect(said('right')).toMatch(
      /were doing some yard work yesterday and dropped a landscape brick on their right foot\./,
    );
    expect(said('left')).not.toMatch(/brick/);
  });

  it('knows difficulty swallowing as a symptom', () => {
    const names = (t: string) =>
      lexicons()
        .symptoms.match(t)
        .map((m) => m.value.name);
    expect(names("i've been noticing that it's been hard for me to swallow certain foods")).toContain(
      'difficulty swallowing',
    );
    expect(names('i have trouble swallowing')).toContain('difficulty swallowing');
  });

  it('states the pain disturbing sleep', () => {
    const ex = extractionContext(
      parseTranscript(
        [
          '[doctor] is the pain all the time?',
          "[patient] it's pretty much all the time, when i'm trying to sleep it hurts even more. so it's been affecting my sleep as well.",
        ].join('\n'),
      ),
    );
    expect(characterisation(ex.sentences, () => [], 'male').map((l) => l.text)).toContain(
      'The pain disturbs his sleep.',
    );
  });

  it('reads eating advice, non-weight-bearing with its span, and a therapy course said "approximately"', () => {
    expect(itemsOf(['[doctor] i want you to consider eating slowly and chewing your food more thoroughly.'])).toContain(
      'Eat slowly and chew the food more thoroughly.',
    );
    expect(
      itemsOf([
        "[doctor] i'm gonna have you use crutches, you're not gonna be able to weight-bear on that foot for 6 to 8 weeks.",
      ]),
    ).toContain('Non-weight-bearing on the foot for 6 to 8 weeks.');
    expect(itemsOf(["[doctor] i'm going to refer you to physical therapy for approximately 6 to 8 weeks."])).toContain(
      'Refer to physical therapy for 6 to 8 weeks.',
    );
  });

  it('reads the finding after "let\'s take a look at that knee", keeping its side, and names sides medial/lateral', () => {
    expect(cleanSpoken('right knee looks swollen')).toBe('right knee looks swollen');
    const exam = sectionOf(
      draftOf([
        '[doctor] so what happened to your knee?',
        '[patient] i slipped on the trampoline and my right knee swelled up.',
        '[doctor] when did this happen?',
        '[patient] about 4 days ago.',
        '[doctor] any numbness or tingling?',
        '[patient] no.',
        '[doctor] have you taken anything for it?',
        '[patient] some ibuprofen.',
        "[doctor] okay so let's do physical exam. let's take a look at that knee right knee looks like it definitely has some swelling",
        '[doctor] okay so some pain on palpation on the inside of the knee and none on the outside.',
        '[patient] okay.',
        "[doctor] for your plan, it sounds like you have a torn mcl so i'm gonna send you out for an mri",
        '[patient] okay',
      ]),
      /physical exam/i,
    );
    expect(exam).toContain('• Musculoskeletal: Right knee has some swelling.');
    expect(exam.join(' ')).toMatch(/pain on palpation on the medial knee and none on the lateral side/);
  });

  it('keeps the site an exam frame names ("On their examination of their abdomen …")', () => {
    const t = repairRegister(
      '• Gastrointestinal: On their examination of their abdomen there is no tenderness, there is cva tenderness on the right side.',
    );
    expect(t).toBe('• Gastrointestinal: Abdomen: there is no tenderness, there is cva tenderness on the right side.');
    expect(readsAsNote(t, 'exam')).toBe(true);
  });

  it('files a maneuver dictated after the visit under the exam ("Spurling\'s maneuver is benign.")', () => {
    const d = draftOf([
      '[doctor] how is your neck?',
      '[patient] it hurts and my left hand is numb.',
      '[doctor] any weakness?',
      '[patient] no.',
      "[doctor] alright, let's go ahead and take a look. on exam you have good strength in both hands.",
      '[patient] okay.',
      '[doctor] for your first problem, your cervical radiculopathy, i will order an mri of your neck.',
      '[patient] okay.',
      "[doctor] spurling's maneuver is benign.",
    ]);
    // Strength is filed under Musculoskeletal too, so the maneuver follows it in that bullet.
    expect(sectionOf(d, /physical exam/i)).toContain("Spurling's maneuver is benign.");
    expect(sectionOf(d, /physical exam/i)[0]).toMatch(/^• Musculoskeletal: /);
  });
});
