/** A&P items under the subheading of what they are, and plan speech written as note items. */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const plan = (...lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};
/** The text of the bullet with this label, up to the next bullet or heading. */
const bullet = (p: string, label: string) => new RegExp(`• ${label}: ([^\\n]*)`).exec(p)?.[1] ?? '';

const OVARIAN = [
  '[patient] i have had some pelvic pain.',
  '[doctor] on bimanual exam i appreciate a left adnexal mass.',
  "[doctor] so for the first problem i do think this is most likely ovarian cancer . i want to start by sending off some blood tests like a ca-125 and hcg and afp and ldh these are just tests that help me to determine what type of tumor i'm dealing with and then i want you to undergo genetic counseling and testing to see if you have a genetic predisposition for developing ovarian cancer . so for the surgery i would perform a hysterectomy and a lymph node dissection .",
  '[doctor] based on the pathology reports i recommend chemotherapy with cisplatin and taxol .',
];

describe('A&P subheadings', () => {
  it('blood tests sent are additional testing, chemotherapy is treatment, genetic counselling a referral', () => {
    const p = plan(...OVARIAN);
    expect(bullet(p, 'Additional Testing')).toMatch(/blood tests like a ca-125/i);
    expect(bullet(p, 'Additional Testing')).not.toMatch(/cisplatin/);
    expect(bullet(p, 'Medical Treatment')).toMatch(/cisplatin and taxol/);
    expect(bullet(p, 'Specialist Referrals')).toMatch(/genetic counseling/);
  });

  it("the tests' explanation to the patient becomes their purpose; the surgery the doctor would perform is planned", () => {
    const p = plan(...OVARIAN);
    expect(p).toMatch(/ldh to determine what type of tumor it is\./i);
    expect(p).not.toMatch(/help me|dealing with|I would perform/);
    expect(bullet(p, 'Medical Treatment')).toMatch(/Plan hysterectomy and lymph node dissection\./);
  });

  it('home readings to report are patient education, with the agent to be considered; no "the need" garble', () => {
    const p = plan(
      '[doctor] hi , mrs. collins , a 50-year-old female . how are you ?',
      '[patient] i have depression and hypertension , and my blood pressure has been high.',
      '[doctor] on exam your lungs are clear.',
      "[doctor] so for your hypertension , i think it's out of control . record them to me for like , about a week , so i have to see if we have to add another agent , okay ?",
      "[doctor] and then from a depression standpoint , it sounds like you're doing really well with that . i'm glad to see that you're in therapy and you're doing really well . i do n't feel the need to start you on any medications this year , unless you feel differently .",
    );
    expect(bullet(p, 'Patient Education and Counseling')).toMatch(
      /Report readings for about a week; will consider adding another agent\./,
    );
    expect(bullet(p, 'Medical Reasoning')).not.toMatch(/Record them/);
    expect(p).toMatch(/No need to start her on any medications/);
    expect(p).not.toMatch(/No the need/);
  });

  it('a screening due is health maintenance, not under the last problem', () => {
    const p = plan(
      '[patient] i have hypertension and my blood pressure has been high.',
      '[doctor] on exam your lungs are clear.',
      "[doctor] and then for your last problem your hypertension , i think it's out of control . i'd like you to take the lisinopril as directed .",
      "[doctor] and for your annual exam , you're due for a mammogram , so we have to schedule for that , as well , okay ?",
    );
    expect(p).toMatch(/Health maintenance\.\n• Additional Testing: Schedule mammogram \(due\)\./);
    expect(p.indexOf('Health maintenance.')).toBeGreaterThan(p.indexOf('Hypertension.'));
  });
});

describe('A&P lines', () => {
  it('an order said again with what it is for goes when the item states it', () => {
    const p = plan(
      '[patient] i twisted my left ankle.',
      '[doctor] on exam there is swelling over the lateral malleolus.',
      "[doctor] for your left ankle pain your symptoms are consistent with an ankle sprain . i'm going to give you an air cast to stabilize that ankle .",
    );
    expect(p).toMatch(/air cast/i);
    expect(p).not.toMatch(/Will give (?:them|him|her) an air cast/);
  });

  it('a quantity given of the drug just prescribed joins its line', () => {
    const p = plan(
      '[patient] i fell on my arm and it hurts.',
      '[doctor] your x-ray shows a proximal humerus fracture.',
      "[doctor] for your proximal humerus fracture i'm going to prescribe you some pain medicine . we'll do lortab 5 milligram .",
      "[doctor] you can take one to two tablets every six hours as needed for pain . i'll give you 20 of those .",
    );
    expect(p).toMatch(/Lortab 5 mg[^.\n]*, dispense #20\./);
    expect(p).not.toMatch(/20 of those/);
  });

  it('"the good thing about these fractures is, they heal" is said of the fractures', () => {
    const p = plan(
      '[patient] i fell on my arm and it hurts.',
      '[doctor] your x-ray shows a proximal humerus fracture.',
      "[doctor] for your proximal humerus fracture , um , so what we're going to have to do- the good thing about um , these kinds of fractures is generally , they will heal up without surgery . we're going to put you in a sling .",
    );
    expect(p).toMatch(/These kinds of fractures generally will heal up without surgery\./);
    expect(p).not.toMatch(/good thing/);
  });

  it('a study shown, saying nothing of what it shows, is not reasoning', () => {
    const p = plan(
      '[patient] my back hurts after lifting.',
      '[doctor] on your back exam , you do have some pain to palpation of the right lumbar spine .',
      "[doctor] so let's talk about my assessment and plan . so this is an x-ray of your lumbar spine . for your lumbar strain , i'm going to prescribe meloxicam 15 milligrams once a day .",
    );
    expect(p).not.toMatch(/This is an x-ray/);
  });
});
