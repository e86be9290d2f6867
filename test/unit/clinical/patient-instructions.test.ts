import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** Patient instructions of a tagged mini-visit. */
const pi = (v: string) => draftNote(parseTranscript(v), { template: 'patient-instructions' }).note;

// Mini-visits in phrasings not taken from train: as-needed doses, a taper, a drug stopped, a test only considered,
// a ruled-out diagnosis, emergency precautions, a relative's condition.
const VISITS: string[] = [
  `[doctor] what brings you in today
[patient] my lower back has been aching for about a week after i moved some furniture
[doctor] on exam there is tenderness over the lower back muscles
[doctor] so my impression is a lumbar strain
[doctor] i'm going to prescribe cyclobenzaprine 10 mg at bedtime as needed for muscle spasms
[doctor] and you can take ibuprofen 400 mg every 8 hours as needed with food
[doctor] let's follow up in 2 weeks`,
  `[doctor] how is the rash doing
[patient] it's spreading on both arms and it itches a lot
[doctor] this looks like contact dermatitis
[doctor] we'll start prednisone 40 mg daily for 5 days then 20 mg daily for 5 days
[doctor] please stop the lisinopril for now
[doctor] come back in 10 days`,
  `[doctor] tell me about the chest pain
[patient] it comes on when i climb stairs and goes away when i rest
[doctor] your ekg today is normal
[doctor] we ruled out a heart attack with the blood work today
[doctor] i want you to get a stress test
[doctor] if you have chest pain that does not go away with rest or shortness of breath go to the emergency room
[doctor] i'll see you back in 1 week`,
  `[doctor] so you've had these headaches for a month
[patient] yes mostly in the afternoon
[doctor] i think these are tension headaches
[doctor] we might consider an mri if they keep getting worse
[doctor] for now take acetaminophen 500 mg every 6 hours as needed for headache
[doctor] follow up in 4 weeks`,
  `[doctor] your mother had breast cancer is that right
[patient] yes she was diagnosed at 50
[doctor] and you have had some fatigue
[doctor] your thyroid levels came back low so you have hypothyroidism
[doctor] let's start levothyroxine 50 mcg once a day in the morning on an empty stomach
[doctor] we'll recheck your tsh in 6 weeks
[doctor] see you in 6 weeks`,
  `[doctor] how has your sugar been
[patient] it runs high in the mornings
[doctor] your diabetes is not well controlled your a1c is 9
[doctor] we'll increase the metformin to 1000 mg twice a day with meals
[doctor] and i'd like you to get a hemoglobin a1c and a lipid panel before the next visit
[doctor] call us if your sugar is over 300 or you feel dizzy
[doctor] follow up in 3 months`,
  `[doctor] what's going on with your knee
[patient] i twisted it playing soccer and it's swollen
[doctor] the x-ray shows no fracture
[doctor] i think you have a knee sprain
[doctor] i'm going to refer you to physical therapy
[doctor] use naproxen 500 mg twice a day as needed for pain for up to 10 days
[doctor] come back in 3 weeks if it is not better`,
  `[doctor] you've been coughing for how long
[patient] about 3 days with a fever
[doctor] your lungs sound clear so i don't think this is pneumonia
[doctor] it's most likely a viral infection
[doctor] you can use benzonatate 100 mg three times a day as needed for cough
[doctor] if you develop shortness of breath or a fever over 103 go to the emergency department
[doctor] follow up next week if you are not improving`,
];

describe('patient instructions: safety on mini-visits', () => {
  const out = VISITS.map(pi);
  it('keeps each as-needed dose with its schedule and "with food"', () => {
    expect(out[0]).toContain('cyclobenzaprine 10 mg at bedtime when you need it');
    expect(out[0]).toContain('ibuprofen 400 mg every 8 hours with food when you need it');
    expect(out[3]).toContain('acetaminophen 500 mg every 6 hours when you need it for headache');
    expect(out[6]).toContain('naproxen 500 mg twice a day for up to 10 days when you need it for pain');
  });
  it('tells the patient to stop a stopped drug, never to keep taking it', () => {
    expect(out[1]).toContain('Stop taking lisinopril.');
    expect(out[1]).not.toMatch(/(?:Keep|Start) taking lisinopril/);
  });
  it("never names a ruled-out, relative's or safety-netting condition as the patient's", () => {
    expect(out[2]).not.toMatch(/You (?:may )?have a heart attack/i);
    expect(out[4]).not.toMatch(/breast cancer/i);
    expect(out[7]).not.toMatch(/You (?:may )?have pneumonia/i);
    for (const o of out) expect(o).not.toMatch(/You have (?:shortness of breath|chest pain|a fever)/i);
  });
  it('keeps a test only considered out of the things to get done', () => {
    expect(out[3]).not.toMatch(/Get (?:an )?MRI/i);
  });
  it('sends the patient to the emergency room when the doctor said so', () => {
    expect(out[7]).toMatch(/Go to the emergency room if you develop shortness of breath or a fever over 103\./);
    expect(out[2]).not.toMatch(/Call us if you have chest pain/);
  });
  it('carries the follow-up', () => {
    for (const o of out) expect(o).toMatch(/Come back /);
    expect(out[7]).toContain('Come back next week.');
  });
});

const FIXED: string[] = [
  `[doctor] how has your sugar been
[patient] it runs high in the mornings
[doctor] okay so for your diabetes i'm going to order a hemoglobin a1c and a lipid panel
[doctor] and we'll see you back in 3 months`,
  `[doctor] what's going on with your foot
[patient] my big toe is stiff and sore
[doctor] okay so for your arthritis of the toe i'm going to prescribe meloxicam once a day
[doctor] follow up in 2 weeks`,
  `[doctor] how is your back
[patient] still sore
[doctor] for your back pain i'll order an mri if you are still having symptoms in a month
[doctor] and we might consider a referral to physical therapy if your symptoms continue
[doctor] we'll see you next week`,
  `[doctor] how is the heart doing
[patient] okay
[doctor] for your heart failure i'm going to order a repeat echocardiogram
[doctor] and i'll order a renal artery ultrasound
[doctor] follow up in 1 month`,
];

describe('patient instructions: plain words for tests, referrals and follow-up', () => {
  const out = FIXED.map(pi);
  it('names tests in plain words, the clinic name in brackets', () => {
    expect(out[0]).toContain('Get a blood test for your sugar average (A1c) and a cholesterol blood test.');
    expect(out[3]).toContain('Get another ultrasound of your heart (echo).');
    expect(out[3]).toContain('Get an ultrasound scan of your kidney arteries.');
    for (const o of out) expect(o).not.toMatch(/this test:|echocardiogram|renal|lipid panel/i);
  });
  it('keeps the schedule of a drug prescribed without a dose', () => {
    expect(out[1]).toContain('Start taking meloxicam once a day.');
  });
  it('says a referral only considered as "may", with its condition said to the patient', () => {
    expect(out[2]).toContain('We may send you to physical therapy if your symptoms continue.');
    expect(out[2]).not.toMatch(/Consider referral|their/);
  });
  it('says "come back next week", not "in next week"', () => {
    expect(out[2]).toContain('Come back next week.');
  });
});
