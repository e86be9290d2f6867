/**
 * A&P items that keep their condition and read as a clinician's list: a condition said at the end of one sentence goes
 * with the "then …" it governs, a schedule said for flares stays a flare schedule, procedures planned in one breath are
 * listed by name, and a self-repaired instruction reads once.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const plan = (...lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

describe('A&P conditions and lists', () => {
  it('a condition closing a sentence travels with the "then" sentence it governs, said in full', () => {
    const p = plan(
      '[patient] i fell and hurt my right arm.',
      '[doctor] your x-ray shows a proximal humerus fracture.',
      "[doctor] so we're going to put you in a long arm cast and a sling , and then we're gon na check you in two weeks to see if those bones have realigned and if they have n't , then we're gon na have to talk about doing surgery at that time .",
    );
    expect(p).toMatch(/Will talk about doing surgery if the bones have not realigned\./);
    expect(p).not.toMatch(/at that time/);
  });

  it('a schedule said again "when you get that flare" is the schedule during flares; the shampoo continues', () => {
    const p = plan(
      '[doctor] what brings you in?',
      '[patient] my scalp is itchy and flaky.',
      "[doctor] now lem me talk a little bit about my impression and plan i think that you have a scalp psoriasis and let's and here is my thoughts on that what i would like you to use is to use clobetasol that's a zero . zero five percent solution and i want you to use that twice daily on the the affected areas of your scalp so you're just gon na put this on and just kinda gently rub it in now i know to do it twice daily is going to be difficult but if you can do it first thing in the morning when you get up and then before you go to bed you know get a shower and before you go to bed that will be great i want you to continue to use t-gel shampoo that you listed when you first came in that's a very good solution shampoo for that and that will help with controlling a lot of this now there is no cure for this unfortunately and flareups can be unpredictable but we see that you know not a we do n't have a great finger on what causes the flare ups but i'm gon na give you some steroids that will help and we're gon na have to manage that on a ongoing basis but when you get do get a flare up i want you to be using these flare steroid that i give you as we go through that and then i wan na see you back here in three months or sooner if it gets significantly worse do you have any questions for me",
      '[patient] so should i use the clobetasol every day?',
      "[doctor] yeah i want it's exactly what i want you to do i want you to use that that solution twice daily when you get that flare but then other than that just continue to use that t-gel shampoo",
      '[patient] okay.',
    );
    expect(p).toMatch(/Start clobetasol 0\.05% twice daily during flares\./);
    expect(p).toMatch(/Continue t-gel shampoo\./);
    expect(p).not.toMatch(/that will be great|listed when|should continue to use/i);
  });

  it('procedures planned in one breath are listed by name, and a recommendation run on after them is its own line', () => {
    const p = plan(
      '[doctor] what brings you in?',
      '[patient] i have had some pain in my belly.',
      "[doctor] okay so now i reviewed the results of your abdominal ct which show a three centimeter left ovarian mass with an associated local localized lymph node involvement there is no evidence of gross peritoneal or metastatic disease so lem me tell you a little bit about my assessment and plan so for the first problem so i do think this is most likely ovarian cancer looking at your ct scan it looks like stage three a disease based on the lymph node involvement i want to start by sending off some blood tests like a ca-125 and hcg and afp and ldh these are just tests that help me to determine what type of tumor i'm dealing with and then i want you to undergo genetic counseling and testing to see if you have a genetic predisposition for developing ovarian cancer so this stage of ovarian cancer is treated by performing surgery followed by adjunct chemotherapy so this means we'll start chemotherapy after you've recovered from surgery okay so for the surgery i would perform a hysterectomy remove both ovaries and perform a lymph node dissection to remove the involved and involve lymph nodes as well as any other ones i see and i'll also send a sample of any tissue if there anything that looks suspicious at all and we'll be able to tell exactly what stage this is based on the pathology reports i then recommend chemotherapy with cisplatin and taxol and based on how the surgery goes i may want you to receive intraperitoneal intraperitoneal chemo which is done inserting a small tube into your belly for the chemo to go directly into your peritoneum now i know that was a lot sick in do you have any questions or",
      '[patient] okay.',
    );
    expect(p).toMatch(/Plan hysterectomy, bilateral oophorectomy and lymph node dissection\./);
    expect(p).toMatch(
      /Recommend chemotherapy with cisplatin and taxol and depending on the surgery, consider intraperitoneal chemo\./,
    );
    expect(p).not.toMatch(/reports recommend|which is done|small tube/);
  });

  it('an instruction said over after "you know" reads once, with both of its verbs', () => {
    const p = plan(
      "[doctor] for your hypertension i think it's out of control . i want you to record your blood pressures within the patient , you know , take your blood pressure every day . record them to me for like , about a week .",
    );
    expect(p).toMatch(/should take and record (?:her|his|their) blood pressure every day\./);
    expect(p).not.toMatch(/within the patient/);
  });
});
