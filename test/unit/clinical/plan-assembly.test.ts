/** A&P assembly: talk about other people, a bare "that" in reasoning, a sentence run on into the next problem. */
import { describe, expect, it } from 'vitest';
import { splitRunOn } from '../../../core/clinical/discourse.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const plan = (...lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

describe('A&P assembly', () => {
  it('an anecdote about other people is not the patient reasoning or treatment', () => {
    const p = plan(
      '[patient] i am here for my low testosterone.',
      '[doctor] okay so let me tell you about my assessment and plan. for your hypogonadism your levels look good.',
      "[doctor] i get it and this is why people get into problems with this stuff . it's like , back in the day people would get it at gyms and they would take huge doses . and then they would have a heart attack at 50 .",
      '[patient] yeah , they have to be taking a lot .',
      '[doctor] likely they are taking more than testosterone , but still .',
      '[doctor] we will continue testosterone 100 milligrams every week.',
    );
    expect(p).toMatch(/testosterone 100 mg/);
    expect(p).not.toMatch(/heart attack|huge doses|more than testosterone/i);
  });

  it('a reasoning line says what its bare "that" stands for', () => {
    const p = plan(
      '[doctor] do you have any medical history?',
      '[patient] i have high blood pressure , i take lisinopril 10 milligrams a day .',
      '[doctor] and you had chest pain?',
      '[patient] yes my chest hurts .',
      "[doctor] okay . so , you know , my impression is is that you have this episode of chest pain , um , that could be related to severe hypertension or it could be related to some heart disease . so , what i'd like to go ahead and do is , number one , we'll change your blood pressure regimen . we'll put you on carvedilol , 25 milligrams twice a day .",
    );
    expect(p).toMatch(/Chest pain could be related to severe hypertension/);
    expect(p).not.toMatch(/That could be related/);
  });

  it('a test said with its verdict is what "that" stands for', () => {
    const p = plan(
      '[patient] my blood sugar has been high.',
      "[doctor] so let me tell you about my assessment and plan. your lyme titer is a little elevated . so we'll have to look into that a little bit .",
      '[doctor] that can certainly cause your blood sugar to be elevated .',
      '[doctor] we will order a western blot for lyme.',
    );
    expect(p).toMatch(/The elevated lyme titer can certainly cause (?:his|her|their) blood sugar to be elevated/);
  });

  it('a restarted "it\'s" before a clause of its own is not written', () => {
    const p = plan(
      '[patient] my blood sugar has been high and i have a rash on my knee.',
      '[doctor] okay . hey dragon , show me the lyme titer . okay , so your lyme titer is a little elevated .',
      '[doctor] so let me tell you about my assessment and plan. from a positive lyme titer aspect , we should go ahead and order a western blot , okay ?',
      '[patient] okay .',
      "[doctor] okay . well i- ... it's , you know , your blood sugar's elevated so you might be having an inflammatory response to that , but we'll go ahead and order some tests to look into it , okay ?",
    );
    expect(p).toMatch(/Medical Reasoning: (?:His|Her|Their) blood sugar is elevated/);
    expect(p).not.toMatch(/It is (?:his|her|their) blood sugar/);
  });

  it('a run-on sentence is split where the doctor turns to the next problem', () => {
    expect(
      splitRunOn(
        "and we'll see how you do on the 40 milligrams once a day for your third problem of your diabetes let's go ahead and order a hemoglobin a1c",
      ),
    ).toEqual([
      "and we'll see how you do on the 40 milligrams once a day",
      "for your third problem of your diabetes let's go ahead and order a hemoglobin a1c",
    ]);
    expect(
      splitRunOn(
        "and so hopefully they can help do something to help this from happening in the future for your hypertension i'm gonna keep you on that norvasc",
      ),
    ).toEqual([
      'and so hopefully they can help do something to help this from happening in the future',
      "for your hypertension i'm gonna keep you on that norvasc",
    ]);
    // The problem already spoken of completes the clause before: "… muscular pain right now for your back pain".
    expect(
      splitRunOn(
        "on your back exam you have tenderness so i think this is all muscular pain right now for your back pain i'm gonna put you on some naprosyn",
      ),
    ).toContain('so i think this is all muscular pain right now for your back pain');
  });

  it('the part before the turn to the next problem is not filed under it', () => {
    const p = plan(
      '[patient] i have a sore throat.',
      "[doctor] so let me tell you about my assessment and plan. now for your next problem of your hypertension i wanna increase the lisinopril to 40 milligrams once a day and we'll see how you do on the 40 milligrams once a day for your third problem of your diabetes let's go ahead and order a hemoglobin a1c",
    );
    expect(p).not.toMatch(/third problem/);
  });
});
