/**
 * Assessment and plan items keep what the doctor said with them: the verb of the advice ("ice it … 5 times a day"),
 * the condition of an item ("if we're improving then … start adding activity", "if it's not getting better … possibly
 * an MRI"), the purpose of an order ("just to make sure you don't have a disc herniation"); a return precaution is
 * patient education; a frame that only announces a point ("the key thing is going to be") and a pointer to an order
 * already stated ("I'll send the order down") go.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

const ANKLE = [
  '[doctor] so how are you doing with your ankle',
  '[patient] i slipped on the ice and now my right ankle hurts',
  '[doctor] okay let me examine you there is swelling and tenderness of the lateral ankle',
  '[patient] okay',
  "[doctor] so for your right ankle pain your symptoms are consistent with a right ankle sprain so i want you to continue to ice it you can ice it let's say five times a day for twenty minutes at a time just to help that swelling go down and i'm gon na give you an air cast",
  '[patient] okay',
  "[doctor] otherwise if you continue to have pain after this week if you feel like it's not getting better please feel free to contact the office. and we can get you back in and possibly do an mri if we you know need to",
  '[patient] okay',
];

describe('plan items keep what was said with them', () => {
  it('keeps the verb of advice said with a hedge before its schedule', () => {
    const p = plan(ANKLE);
    expect(p).toContain('Ice it 5 times a day for 20 minutes at a time.');
    expect(p).not.toMatch(/Will say|ice it they can ice it/i);
  });

  it('files a return precaution under patient education, without "otherwise" and the second "if"', () => {
    const p = plan(ANKLE);
    expect(p).toMatch(
      /Patient Education and Counseling:.*If they continue to have pain after this week or it is not getting better contact the office\./,
    );
    expect(p).not.toMatch(/Medical Treatment:.*contact the office/);
  });

  it('keeps the condition said before a possible order', () => {
    expect(plan(ANKLE)).toContain('Consider MRI if not improving.');
  });

  it('keeps the condition of a step with the step', () => {
    const p = plan([
      '[doctor] how is your knee',
      '[patient] it hurts when i run',
      '[doctor] on exam there is tenderness of the right knee',
      '[patient] okay',
      "[doctor] so i think you have a knee sprain from overuse. i'm also gon na order some physical therapy for your right knee. i do wan na follow up with you in two weeks and see if we're getting better so let's no running for two weeks and if we're we're improving then we'll move on and probably start adding some additional activity",
      '[patient] yes',
    ]);
    expect(p).toContain('No running for 2 weeks; if improving, may start adding some additional activity.');
    expect(p).not.toMatch(/(?:^|\. |: )May start adding/m);
  });

  it("joins an order's purpose to the order", () => {
    const p = plan([
      '[doctor] how is your back',
      '[patient] it hurts when i bend',
      '[doctor] on exam there is tenderness of the lumbar spine',
      '[patient] okay',
      "[doctor] so i think you have an acute lumbar strain. i want to order an mri of your lower back. just to make sure that you don't have any disc herniation or anything like that.",
      '[patient] okay',
    ]);
    expect(p).toMatch(/MRI of the lower back to rule out disc herniation\./);
    expect(p).not.toMatch(/To make sure/);
  });

  it('drops a frame that announces a point, and a pointer to an order', () => {
    const p = plan([
      '[doctor] how is your foot',
      '[patient] it hurts on top',
      '[doctor] on exam there is tenderness of the right midfoot',
      '[patient] okay',
      "[doctor] so you have a lisfranc fracture and you will need surgery. so the key thing is going to be it's going to be outpatient surgery. and i'll send the order down.",
      '[patient] okay',
    ]);
    expect(p).toContain('Outpatient surgery.');
    expect(p).not.toMatch(/key thing|send the order/i);
  });
});
