import { describe, expect, it } from 'vitest';
import { draftOf } from './draft-helpers.js';

/** The "Medical Reasoning" lines of the draft's assessment and plan, without their label. */
const reasoningOf = (lines: string[]): string[] => {
  const note = draftOf(lines).note;
  const plan = note.slice(note.indexOf('ASSESSMENT AND PLAN'));
  return plan
    .split('\n')
    .filter((l: string) => l.startsWith('• Medical Reasoning: '))
    .map((l: string) => l.slice('• Medical Reasoning: '.length));
};
const planOf = (lines: string[]): string => {
  const note = draftOf(lines).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};
const visit = (complaint: string, plan: string) => [
  '[doctor] hi, what brings you in today?',
  '[patient] i have been having some trouble lately.',
  `[patient] ${complaint}`,
  `[doctor] ${plan}`,
];

describe('Medical Reasoning lines state the assessment, not the talk around it', () => {
  it("cuts what a diagnosis is from the line that names it ('which is a break of …')", () => {
    const r = reasoningOf(
      visit(
        'my wrist hurts since i fell on it.',
        "so for your first problem, your wrist pain, i think you have a scaphoid fracture which is a break of one of the small bones at the base of your thumb where the wrist bends. we'll put you in a thumb spica splint.",
      ),
    );
    expect(r).toEqual(['They have a scaphoid fracture.']);
  });

  it("cuts 'and this is a really common condition that …' and the 'what they have is' frame", () => {
    const r = reasoningOf(
      visit(
        'my heel hurts in the morning.',
        "so what you have is plantar fasciitis and this is a really common condition that causes heel pain in runners. i want you to stretch and we'll get you some inserts.",
      ),
    );
    expect(r).toEqual(['They have plantar fasciitis.']);
  });

  it('drops general teaching: no cure, most go away, possible causes, typical age', () => {
    const p = [
      planOf(
        visit(
          'my elbows get these scaly patches.',
          "so you have plaque psoriasis. there is no cure for it unfortunately, but we can control it. i'm going to prescribe a steroid cream twice a day.",
        ),
      ),
      planOf(
        visit(
          'my son keeps blinking his eyes over and over.',
          "so he has a simple motor tic. most tics go away on their own within a year. they usually start between ages 5 and 10. we'll watch it for now.",
        ),
      ),
      planOf(
        visit(
          'my liver enzymes came back high.',
          "so your liver enzymes are elevated. some possible causes are medications, alcohol, and fatty liver. we'll order an ultrasound of the liver.",
        ),
      ),
      planOf(
        visit(
          'i noticed blood when i blow my nose.',
          "so you have a small nasal polyp. it's not usual for people to have much bleeding from these. we'll refer you to ent.",
        ),
      ),
    ].join('\n');
    expect(p).not.toMatch(/usually start|possible causes|not usual for people/i);
    expect(p).toMatch(
      /• Patient Education and Counseling: Counseled that most tics go away on their own within a year\./,
    );
    expect(p).not.toMatch(/Medical Reasoning: Most tics/);
    // That there is no cure is what the patient was counselled on, not a reasoning line.
    expect(p).toMatch(/• Patient Education and Counseling: Counseled that there is no cure\b/);
    expect(p).not.toMatch(/Medical Reasoning: There is no cure/);
    expect(p).toMatch(/steroid cream/);
    expect(p).toMatch(/ultrasound of the liver/i);
  });

  it("drops the exam's commands said in the plan turn", () => {
    const p = planOf(
      visit(
        'my knee gives out on stairs.',
        "let me examine your knee. lift your knee up. okay, so i think you have patellofemoral pain syndrome. we'll send you to physical therapy.",
      ),
    );
    expect(p).not.toMatch(/lift (?:their|your|his|her) knee/i);
    expect(p).toMatch(/Patellofemoral pain syndrome/);
  });

  it("strips a spoken opener ('for your first problem of your right ankle pain') before the statement", () => {
    const r = reasoningOf(
      visit(
        'i rolled my ankle playing soccer.',
        "so for your first problem of your right ankle pain your symptoms are consistent with a right ankle sprain. we'll get you in an air cast.",
      ),
    );
    expect(r).toEqual(['Their symptoms are consistent with a right ankle sprain.']);
  });

  it('drops an opener that only names the problem its heading states', () => {
    const p = planOf(
      visit(
        'my sugars have been high and my back hurts.',
        "so for your back pain, i think it's a lumbar strain. we'll start meloxicam 15 mg daily. for your other conditions we talked about, your second condition of type 2 diabetes. we'll increase metformin to 1000 mg twice a day.",
      ),
    );
    expect(p).not.toMatch(/second condition/);
    expect(p).toMatch(/Type 2 diabetes\.\n• Medical Treatment: Increase metformin/);
  });

  it("says which problem a bare 'it is out of control' is said of, under its one-problem heading", () => {
    const r = reasoningOf(
      visit(
        'i came in for my blood pressure check.',
        "so for your hypertension, again it's out of control. i'm going to increase your lisinopril to 20 mg a day.",
      ),
    );
    expect(r).toEqual(['Hypertension is out of control.']);
  });

  it("drops a clause that lost its subject ('Help with some of the healing of their elbow.')", () => {
    const p = planOf(
      visit(
        'my elbow still hurts after the fall.',
        "so you have a radial head fracture. we'll put you in a sling. help with some of the healing of your elbow. we'll see you in two weeks.",
      ),
    );
    expect(p).not.toMatch(/help with some of the healing/i);
    expect(p).toMatch(/sling/);
  });

  it('keeps a reasoning line that states the cause of the problem', () => {
    const r = reasoningOf(
      visit(
        'i get short of breath walking up stairs.',
        "so i think you have a copd exacerbation. it is likely due to the cold you had last week. we'll start prednisone 40 mg daily for five days.",
      ),
    );
    expect(r.join(' ')).toMatch(/likely due to the cold/);
  });

  it('keeps what the patient has when the doctor then teaches what it is in general', () => {
    const r = reasoningOf(
      visit(
        'my liver tests were off at my last physical.',
        "so your labs were consistent with a hepatitis b infection. but hepatitis b is a viral infection that attacks the liver and can be spread through blood. we'll check a viral load.",
      ),
    );
    expect(r.join(' ')).toMatch(/consistent with a hepatitis B infection/i);
    expect(r.join(' ')).not.toMatch(/viral infection that/);
  });
});
