import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';
import type { draftNote } from '../../../core/clinical/index.js';

const plan = (d: ReturnType<typeof draftNote>) => sectionOf(d, /ASSESSMENT/).join('\n');

describe('statements a draft must not assert', () => {
  it('a repaired condition stays repaired: the frame naming it goes, the clause after it stays', () => {
    const d = draftOf([
      '[doctor] how is your blood pressure doing?',
      "[patient] it's been okay.",
      "[doctor] so for your first problem, your hypertension, i'm going to increase your lisinopril to 20 mg a day.",
      '[patient] okay.',
      "[doctor] and for your second problem, your rotator cuff repair, i think you're doing really well with that.",
      '[patient] great.',
    ]);
    const ap = plan(d);
    expect(ap).toContain('Status post rotator cuff repair.');
    expect(ap).toMatch(/^• Medical Reasoning: (?:He is|They are) doing really well with that\.$/m);
    expect(ap).not.toMatch(/For his second problem, his rotator cuff repair/);
  });

  it('a procedure seen "from a … standpoint" is status post, and stays under its own problem', () => {
    const d = draftOf([
      '[doctor] and i know that they removed a cataract from your eye a couple months ago.',
      '[patient] yes, that has been fine.',
      '[doctor] and you had a skin cancer removed about 5 months ago as well.',
      '[patient] yes, it healed up nicely.',
      "[doctor] let's talk about the plan. in reviewing the pathology report for your skin cancer, they got all of it.",
      '[patient] good.',
      "[doctor] and from a cataract surgery standpoint and your skin cancer removal, everything seems to be fine and you're doing well, so i don't think we need to adjust any of those medications.",
      '[patient] good to hear.',
    ]);
    const ap = plan(d).split('\n');
    const cataract = ap.findIndex((l) => /^Status post cataract surgery\.$/.test(l));
    expect(cataract).toBeGreaterThanOrEqual(0);
    const said = ap.findIndex((l) => /everything seems to be fine/.test(l));
    expect(said).toBeGreaterThan(cataract);
    expect(ap[said]).toMatch(/Status post cataract surgery and (?:his|their) skin cancer removal/);
    expect(ap.join('\n')).not.toMatch(/from a cataract surgery standpoint/i);
    expect(ap.join('\n')).toContain('No need to adjust any of those medications.');
  });

  it('"suspicious for" and "I suspect" keep their hedge in the heading and in the lines', () => {
    const d = draftOf([
      '[doctor] tell me about the arm.',
      '[patient] my left arm and hand have been hurting and tingling for a month.',
      '[doctor] paragraph, impression. number one, left upper extremity neuropathy suspicious for cervical radiculopathy.',
      "[doctor] paragraph, plan. i suspect that this is a flare of cervical radiculopathy. i'm going to set him up for a cervical mri.",
      '[patient] okay.',
    ]);
    const ap = plan(d);
    expect(ap).toMatch(/possible radiculopathy/i);
    expect(ap).toContain('Suspect this is a flare of cervical radiculopathy.');
  });

  it('another person named in the story is written by role, not by name', () => {
    const d = draftOf([
      '[doctor] tell me a little bit about what happened.',
      '[patient] i was playing basketball and jerry ran into me and the inside of my knee hurts.',
      '[doctor] did you fall to the ground?',
      '[patient] i did fall to the ground.',
    ]);
    const hpi = sectionOf(d, /HISTORY OF PRESENT/).join(' ');
    expect(hpi).toContain('basketball and another person ran into');
    expect(hpi.toLowerCase()).not.toContain('jerry');
  });

  it('"the covid 15" is weight gained, not covid', () => {
    const d = draftOf([
      '[doctor] anything change recently? are you exercising more than you used to?',
      '[patient] probably exercising more to get rid of the covid 15.',
      '[doctor] and how is the shortness of breath?',
      '[patient] i get short of breath walking up my driveway.',
    ]);
    expect(d.note.toLowerCase()).not.toContain('covid');
    expect(sectionOf(d, /HISTORY OF PRESENT/).join(' ')).toContain('the weight gained during the pandemic');
  });

  it("a doctor's question run into the patient's turn asks; the chief complaint is the ulcer with its side", () => {
    const d = draftOf([
      '[doctor] the medical assistant told me that you had this ulcer on your foot for a couple of weeks.',
      "[patient] yeah it's been there six weeks and it's on my right foot and it's just not going away.",
      '[doctor] okay.',
      '[patient] okay and do you have any pain in your foot no no no pain at all okay.',
      '[doctor] and any fever or chills?',
      '[patient] no.',
    ]);
    expect(sectionOf(d, /CHIEF COMPLAINT/)).toEqual(['Right foot ulcer.']);
    expect(d.note).not.toMatch(/(?<!no |denies )foot pain/i);
  });

  it('what the doctor asked to repeat and then denied is not history', () => {
    const d = draftOf([
      '[doctor] have you had kidney stones before?',
      "[patient] no, i've never had one.",
      '[doctor] there is tenderness on the right side so that means',
      '[patient] i have a stroke',
      '[doctor] can you repeat that',
      '[patient] i did i have a stroke',
      '[doctor] no no no so that means you have some inflammation over your kidney.',
    ]);
    expect(d.note.toLowerCase()).not.toContain('stroke');
  });
});
