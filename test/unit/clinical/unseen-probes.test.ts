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

  {
    id: 'uti',
    d: [
      '[doctor] hi there, what seems to be the problem?',
      "[patient] it burns when i pee and i'm going all the time, since saturday.",
      '[doctor] any blood in your urine or back pain?',
      '[patient] no blood, no back pain.',
      '[doctor] fevers?',
      '[patient] no.',
      '[doctor] okay, your urine dip shows leukocytes and nitrites. so you have a urinary tract infection. i am going to prescribe nitrofurantoin 100 milligrams twice a day for five days. drink plenty of water. if you get a fever or flank pain, call us right away.',
    ],
    must: [
      ['uti', [['urinary tract infection', 'uti']]],
      ['nitrofurantoin', [['nitrofurantoin', 'macrobid'], ['100 mg'], ['5 days']]],
    ],
    not: [
      ['blood', 'denied', [['blood in urine', 'hematuria']]],
      ['back pain', 'denied', [['back pain']]],
    ],
  },
  {
    id: 'htn-fu',
    d: [
      "[doctor] good morning. we're following up on your blood pressure today.",
      '[patient] yes. i have been taking the amlodipine every day.',
      '[doctor] any headaches, dizziness, or swelling in your ankles?',
      '[patient] a little ankle swelling in the evenings, no headaches.',
      '[doctor] your pressure today is 138 over 84. that is much better. the swelling is probably from the amlodipine. let us lower it to 5 milligrams daily and add losartan 25 milligrams daily. we will check a basic metabolic panel in two weeks. come back in three months.',
    ],
    must: [
      ['amlodipine 5', [['amlodipine', 'norvasc'], ['5 mg']]],
      ['losartan 25', [['losartan', 'cozaar'], ['25 mg']]],
      ['bmp', [['basic metabolic panel', 'bmp']]],
      ['bp', [['138/84']]],
      ['3 months', [['3 months']]],
    ],
    not: [['headache', 'denied', [['headache', 'headaches']]]],
  },
  {
    id: 'asthma-kid',
    d: [
      '[doctor] so what brings you and your son in today?',
      '[patient] he has been wheezing at night and coughing for a week.',
      '[doctor] has he had any fever?',
      '[patient] no fever.',
      '[doctor] does anyone at home smoke?',
      '[patient] his dad smokes but only outside.',
      '[doctor] on exam he has expiratory wheezes bilaterally. this looks like an asthma exacerbation. we will give him albuterol two puffs every four hours as needed and a five day course of prednisolone. follow up in one week.',
    ],
    must: [
      ['asthma', [['asthma']]],
      ['albuterol prn', [['albuterol'], ['as needed']]],
      ['prednisolone', [['prednisolone']]],
      ['1 week', [['1 week', 'one week']]],
    ],
    not: [
      ['fever', 'denied', [['fever']]],
      ['patient smokes', 'family', [['smokes', 'smoker', 'smoking']]],
    ],
  },
  {
    id: 'depression',
    d: [
      '[doctor] how have you been feeling since our last visit?',
      "[patient] honestly pretty down. i'm not sleeping well and i don't enjoy things anymore.",
      '[doctor] any thoughts of hurting yourself?',
      '[patient] no, never.',
      '[doctor] okay. your phq-9 today is 16, which is moderately severe depression. i would like to start sertraline 50 milligrams once a day and refer you to a therapist. see me in four weeks.',
    ],
    must: [
      ['depression', [['depression']]],
      ['sertraline 50', [['sertraline', 'zoloft'], ['50 mg']]],
      ['therapist', [['therapist', 'therapy', 'counseling']]],
      ['phq', [['phq-9', 'phq 9', 'phq9'], ['16']]],
    ],
    not: [['si', 'denied', [['suicidal', 'hurting yourself', 'self-harm', 'self harm', 'thoughts of hurting']]]],
  },
  {
    id: 'derm',
    d: [
      '[doctor] what can i do for you today?',
      '[patient] i have this itchy rash on my arms for about two weeks.',
      '[doctor] any new soaps or detergents?',
      '[patient] we did switch laundry detergent last month.',
      '[doctor] i see red patches with some scaling on both forearms. no blisters. i think this is contact dermatitis. use hydrocortisone 1 percent cream twice a day and go back to your old detergent. if it is not better in two weeks, we can consider a referral to dermatology.',
    ],
    must: [
      ['dermatitis', [['contact dermatitis']]],
      ['hydrocortisone', [['hydrocortisone'], ['1%', '1 %', '1 percent']]],
    ],
    not: [
      ['derm referral', 'hypothetical', [['dermatology']]],
      ['blisters', 'denied', [['blisters']]],
    ],
  },
  {
    id: 'knee-mri',
    d: [
      '[doctor] tell me about your knee.',
      '[patient] i was skiing two weeks ago and i felt a pop in my right knee, and it swelled up.',
      '[doctor] does it give out on you?',
      '[patient] yeah, sometimes when i turn.',
      '[doctor] on exam there is a moderate effusion and a positive lachman test on the right. i am concerned about an acl tear. we will get an mri of the right knee and i will give you a hinged knee brace. no sports until we have the results.',
    ],
    must: [
      ['mri', [['mri']]],
      ['brace', [['brace']]],
      ['lachman', [['lachman']]],
    ],
    not: [['acl tear confirmed', 'possible', [['acl tear']]]],
  },
  {
    id: 'diabetes-labs',
    d: [
      '[doctor] hi, we are here to go over your labs.',
      '[patient] okay.',
      '[doctor] your hemoglobin a1c came back at 9.1, up from 7.8 in march. your kidney function is normal.',
      '[patient] i have not been good with my diet.',
      '[doctor] i understand. we will add jardiance 10 milligrams daily to your metformin. i also want you to see the diabetes educator. we will recheck your a1c in three months.',
    ],
    must: [
      ['a1c', [['a1c'], ['9.1']]],
      ['jardiance 10', [['jardiance', 'empagliflozin'], ['10 mg']]],
      ['educator', [['educator', 'education']]],
      ['metformin', [['metformin']]],
    ],
    not: [],
  },
  {
    id: 'allergy-pcn',
    d: [
      '[doctor] any allergies to medications?',
      '[patient] penicillin, i get hives.',
      '[doctor] okay. and what brings you in?',
      '[patient] a sore throat and fever since yesterday.',
      '[doctor] your rapid strep is positive. since you are allergic to penicillin, we will use azithromycin 500 milligrams on day one then 250 milligrams for four days.',
    ],
    must: [
      ['azithromycin', [['azithromycin', 'zithromax', 'z-pak']]],
      ['strep', [['strep']]],
      ['allergy', [['penicillin']]],
    ],
    not: [['amoxicillin', 'absent', [['amoxicillin']]]],
  },
  {
    id: 'mother-speaks',
    d: [
      '[doctor] hi, what brings you in with emma today?',
      '[patient] she has had ear pain since last night and a fever of 101.',
      '[doctor] any vomiting?',
      '[patient] no vomiting.',
      '[doctor] her left eardrum is red and bulging. she has an ear infection. we will start amoxicillin 400 milligrams twice a day for ten days. tylenol or motrin for fever.',
    ],
    must: [
      ['otitis', [['ear infection', 'otitis media']]],
      ['amoxicillin', [['amoxicillin'], ['400 mg']]],
      ['fever', [['101']]],
    ],
    not: [['vomiting', 'denied', [['vomiting']]]],
  },
  {
    id: 'past-dvt',
    d: [
      '[doctor] so you are here about your left calf?',
      '[patient] yes it has been sore for three days. i had a blood clot in my right leg five years ago.',
      '[doctor] any shortness of breath or chest pain?',
      '[patient] no.',
      '[doctor] your left calf is tender with some swelling. given your history, we need to rule out a blood clot. we will get an ultrasound of the left leg today.',
    ],
    must: [
      ['ultrasound', [['ultrasound']]],
      ['calf', [['calf']]],
    ],
    not: [
      ['dvt current', 'past', [['deep vein thrombosis', 'dvt', 'blood clot']]],
      ['sob', 'denied', [['shortness of breath']]],
    ],
  },
  {
    id: 'no-smoke',
    d: [
      '[doctor] do you smoke?',
      '[patient] i quit about ten years ago.',
      '[doctor] alcohol?',
      '[patient] maybe a glass of wine on weekends.',
      '[doctor] what brings you in today?',
      '[patient] heartburn after meals for a month.',
      '[doctor] okay, your abdomen is soft and nontender. this is likely reflux. start omeprazole 20 milligrams daily before breakfast and avoid late meals.',
    ],
    must: [
      ['omeprazole', [['omeprazole', 'prilosec'], ['20 mg']]],
      ['reflux', [['reflux', 'gerd']]],
    ],
    not: [['current smoker', 'past', [['smokes', 'current smoker']]]],
  },
  {
    id: 'no-fx-wrist',
    d: [
      '[doctor] what happened to your wrist?',
      '[patient] i slipped on ice and landed on my left hand.',
      '[doctor] i looked at your x-ray and i do not see any fracture.',
      '[doctor] there is tenderness over the snuffbox though, so we will put you in a thumb spica splint and repeat the x-ray in ten to fourteen days.',
    ],
    must: [
      ['splint', [['thumb spica']]],
      [
        'repeat xray',
        [
          ['x-ray', 'xray'],
          ['10 to 14 days', '10-14 days'],
        ],
      ],
    ],
    not: [['fracture', 'ruled-out', [['fracture']]]],
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
