/**
 * Visits written for these tests, in phrasings the train visits do not use, one per kind of statement a careless
 * drafter gets wrong (denied, a relative's, past, ruled out, possible, hypothetical) and the diagnosis the doctor
 * states. Each is scored with the same gold checker as eval:notes, so a rule fitted too closely to the train visits
 * shows here.
 */
import { describe, expect, it } from 'vitest';
import { scoreNote, type GoldVisit } from '../../../core/clinical/gold.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

type P = { id: string; d: string[]; must?: [string, string[][]][]; not: [string, string, string[][]][] };
const P: P[] = [
  {
    id: 'deny-list',
    d: [
      '[doctor] so what brings you in today?',
      "[patient] i've had this cough for about a week.",
      '[doctor] any fever, chills, or night sweats?',
      '[patient] no, none of that.',
      '[doctor] any shortness of breath or chest pain?',
      '[patient] nope.',
      '[doctor] okay. your lungs are clear. this is likely a viral bronchitis. use honey and rest. follow up in two weeks if not better.',
    ],
    must: [
      ['cough', [['cough']]],
      ['bronchitis', [['bronchitis']]],
    ],
    not: [
      ['fever', 'denied', [['fever']]],
      ['chills', 'denied', [['chills']]],
      ['night sweats', 'denied', [['night sweats']]],
      ['sob', 'denied', [['shortness of breath']]],
      ['chest pain', 'denied', [['chest pain']]],
    ],
  },
  {
    id: 'deny-other',
    d: [
      '[doctor] how can i help you today?',
      '[patient] my right elbow has been hurting for two weeks.',
      '[doctor] any other joint pain?',
      '[patient] no, just the elbow.',
      '[doctor] any numbness or tingling in your hand?',
      "[patient] no i haven't noticed that.",
      '[doctor] on exam, tenderness over the lateral epicondyle. this is lateral epicondylitis. we will get you a brace and start ibuprofen 400 mg three times a day.',
    ],
    must: [
      ['elbow', [['elbow']]],
      ['epicondylitis', [['epicondylitis']]],
      ['ibuprofen', [['ibuprofen'], ['400']]],
    ],
    not: [
      ['numbness', 'denied', [['numbness']]],
      ['tingling', 'denied', [['tingling']]],
    ],
  },
  {
    id: 'family',
    d: [
      '[doctor] what brings you in?',
      "[patient] i'm here for a checkup. i've been feeling fine.",
      '[doctor] any family history of medical problems?',
      '[patient] my father had colon cancer and my mom has diabetes.',
      '[doctor] and your grandfather?',
      '[patient] he had a heart attack in his sixties.',
      '[doctor] okay. given your dad, we should get a colonoscopy. i will order that. see you in a year.',
    ],
    must: [['colonoscopy', [['colonoscopy']]]],
    not: [
      ['colon cancer', 'family', [['colon cancer']]],
      ['diabetes', 'family', [['diabetes']]],
      ['heart attack', 'family', [['heart attack', 'myocardial infarction']]],
    ],
  },
  {
    id: 'sibling',
    d: [
      '[doctor] what can i do for you?',
      '[patient] i keep getting stomach cramps after i eat.',
      '[doctor] anyone in the family with stomach problems?',
      "[patient] my sister has crohn's disease.",
      '[doctor] okay. your belly is soft and nontender. i think this is irritable bowel. we will check a celiac panel and a stool test.',
    ],
    not: [['crohns', 'family', [["crohn's disease", 'crohn disease', 'crohns']]]],
  },
  {
    id: 'past-surgery',
    d: [
      '[doctor] what brings you in today?',
      '[patient] my left knee has been bothering me.',
      '[doctor] any surgeries in the past?',
      '[patient] i had my gallbladder out about ten years ago and my appendix out as a kid.',
      '[doctor] okay, the knee has mild swelling. this looks like osteoarthritis. start meloxicam 15 mg daily.',
    ],
    not: [['cholecystitis current', 'past', [['gallbladder']]]],
  },
  {
    id: 'resolved',
    d: [
      '[doctor] hi, what brings you in?',
      '[patient] follow up on my blood pressure.',
      '[doctor] how about the gout? you had a flare in your big toe a few months ago.',
      "[patient] that's all better, no problems since.",
      '[doctor] good. your blood pressure today is 150/90. i want to increase your lisinopril to 20 mg daily. follow up in one month.',
    ],
    must: [['lisinopril 20', [['lisinopril'], ['20 mg']]]],
    not: [['gout', 'past', [['gout']]]],
  },
  {
    id: 'ruled-out',
    d: [
      '[doctor] what happened?',
      '[patient] i twisted my ankle playing soccer yesterday.',
      '[doctor] let me look. there is swelling over the lateral ankle. we did an x-ray and there is no fracture.',
      '[doctor] so this is an ankle sprain. rest, ice, and elevate it. use an ace wrap. follow up in two weeks.',
    ],
    must: [['sprain', [['sprain']]]],
    not: [['fracture', 'ruled-out', [['fracture']]]],
  },
  {
    id: 'ruled-out2',
    d: [
      '[doctor] what brings you in?',
      '[patient] i had chest pain last week and went to the er.',
      '[doctor] i see they did an ekg and troponins and those were normal, so it was not a heart attack.',
      '[doctor] your heart sounds normal. i think the chest pain was muscular. take tylenol as needed.',
    ],
    not: [['mi', 'ruled-out', [['heart attack', 'myocardial infarction']]]],
  },
  {
    id: 'hypothetical',
    d: [
      '[doctor] what brings you in?',
      '[patient] my lower back hurts after lifting boxes.',
      '[doctor] any numbness or weakness in your legs?',
      '[patient] no.',
      '[doctor] your back has muscle spasm. this is a lumbar strain. start cyclobenzaprine 5 mg at night. if you develop numbness or weakness or trouble with your bladder, go to the emergency room. if it is not better in six weeks we could think about an mri.',
    ],
    must: [
      ['strain', [['strain']]],
      ['cyclobenzaprine', [['cyclobenzaprine', 'flexeril']]],
    ],
    not: [
      ['mri ordered', 'hypothetical', [['mri']]],
      ['bladder', 'hypothetical', [['bladder']]],
    ],
  },
  {
    id: 'possible',
    d: [
      '[doctor] what brings you in?',
      '[patient] i have been having pain in my right upper belly after fatty meals.',
      '[doctor] any fever?',
      '[patient] no.',
      '[doctor] you have some tenderness in the right upper quadrant. i am worried this could be gallstones. let us get an ultrasound to rule that out.',
    ],
    must: [['ultrasound', [['ultrasound']]]],
    not: [['gallstones', 'possible', [['gallstones', 'cholelithiasis']]]],
  },
  {
    id: 'advice',
    d: [
      '[doctor] what brings you in today?',
      '[patient] my diabetes follow up.',
      '[doctor] your a1c is 8.2. i want you to cut back on sugary drinks and walk 30 minutes a day.',
      '[doctor] we will increase metformin to 1000 mg twice a day. if you get low blood sugars, like shaky or sweaty, eat some sugar and call me.',
    ],
    must: [
      ['metformin', [['metformin'], ['1000']]],
      ['a1c', [['a1c'], ['8.2']]],
    ],
    not: [['hypoglycemia', 'hypothetical', [['low blood sugar', 'hypoglycemia']]]],
  },
  {
    id: 'doctor-self',
    d: [
      '[doctor] what brings you in?',
      '[patient] a sore throat for three days.',
      '[doctor] oh i had a terrible sore throat last month too, and my kids had strep.',
      '[doctor] your throat is red, no exudates. the rapid strep is negative. this is viral pharyngitis. salt water gargles and tylenol.',
    ],
    not: [['strep', 'ruled-out', [['strep throat']]]],
  },
];

describe('unseen phrasings of the must-not kinds', () => {
  for (const p of P)
    it(p.id, () => {
      const gold = {
        must: (p.must ?? []).map(([fact, terms]) => ({ fact, terms })),
        mustNot: p.not.map(([statement, kind, terms]) => ({ statement, kind, terms })),
      } as GoldVisit;
      const s = scoreNote(p.id, draftNote(parseTranscript(p.d.join('\n'))).note, gold);
      expect(s.missing).toEqual([]);
      expect(s.asserted).toEqual([]);
    });
});
