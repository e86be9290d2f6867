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
  // Acute and episodic care: injuries, infections, a parent answering, women's health, crisis screening, red flags.
  {
    id: 'ankle-sprain',
    d: [
      '[doctor] hey so what happened to your ankle',
      "[patient] um i rolled it playing basketball on tuesday it's really swollen on the outside",
      '[doctor] were you able to walk on it right after',
      '[patient] yeah i limped but i could walk',
      '[doctor] okay on exam there is swelling and tenderness over the atfl no tenderness at the base of the fifth metatarsal or the malleolus so by the ottawa rules we do not need an x-ray',
      '[doctor] this is a lateral ankle sprain so rice rest ice compression elevation and you can take ibuprofen 600 milligrams every 6 hours as needed for pain for up to a week',
      '[doctor] if you cannot bear weight or it is not better in two weeks come back and we will get an x-ray',
    ],
    must: [
      ['sprain', [['ankle sprain']]],
      ['ibuprofen', [['ibuprofen'], ['600 mg']]],
      ['basketball', [['basketball']]],
    ],
    not: [
      ['xray ordered', 'possible', [['x-ray']]],
      ['fracture', 'absent', [['fracture']]],
    ],
  },
  {
    id: 'wrist-fx',
    d: [
      '[doctor] so you fell off your bike yesterday',
      '[patient] yes and i put my hand out to catch myself and now my wrist is killing me',
      '[doctor] any numbness in your fingers',
      '[patient] no',
      '[doctor] okay so the x-ray does show a nondisplaced fracture of the distal radius',
      '[doctor] we are going to put you in a short arm cast and i want you to see orthopedics dr patel this week',
      '[doctor] take tylenol 1000 milligrams every 8 hours for pain',
    ],
    must: [
      ['radius fx', [['distal radius'], ['fracture']]],
      ['cast', [['cast']]],
      ['ortho', [['orthopedic', 'orthopedics']]],
      [
        'tylenol',
        [
          ['tylenol', 'acetaminophen'],
          ['1000 mg', '1,000 mg'],
        ],
      ],
    ],
    not: [['numbness', 'denied', [['numbness']]]],
  },
  {
    id: 'laceration',
    d: [
      '[doctor] what happened to your hand',
      '[patient] i was cutting a bagel and the knife slipped and cut my palm',
      '[doctor] when was your last tetanus shot',
      "[patient] i honestly don't remember maybe like ten years ago",
      '[doctor] okay the laceration is about 3 centimeters long on the left palm no tendon involvement full range of motion sensation intact',
      '[doctor] i am going to numb it up with lidocaine and put in four sutures and we will give you a tetanus booster today',
      '[doctor] come back in 10 days to have the sutures removed and watch for redness or pus',
    ],
    must: [
      ['lac', [['laceration']]],
      ['sutures', [['suture', 'sutures']]],
      ['tetanus', [['tetanus', 'tdap']]],
      ['10 days', [['10 days']]],
      ['3 cm', [['3 cm', '3 centimeters']]],
    ],
    not: [['tendon', 'absent', [['tendon injury']]]],
  },
  {
    id: 'uti-women',
    d: [
      '[doctor] hi what brings you in',
      "[patient] i think i have a bladder infection again it's burning and i have to go like every 20 minutes",
      '[doctor] how long',
      '[patient] since like sunday',
      '[doctor] any chance you could be pregnant',
      '[patient] no i have an iud',
      '[doctor] any fever flank pain nausea',
      '[patient] no none of that',
      '[doctor] okay your urinalysis is positive for nitrites and leukocytes so this is a uti we will send a culture and i will start you on macrobid 100 milligrams twice daily for 5 days',
      '[doctor] if you develop fever or back pain go to the er',
    ],
    must: [
      ['uti', [['uti', 'urinary tract infection']]],
      ['macrobid', [['macrobid', 'nitrofurantoin'], ['100 mg']]],
      ['culture', [['culture']]],
    ],
    not: [
      ['pregnant', 'denied', [['pregnant', 'pregnancy']]],
      ['flank pain', 'denied', [['flank pain']]],
      ['nausea', 'denied', [['nausea']]],
    ],
  },
  {
    id: 'otitis-kid',
    d: [
      '[doctor] hi mom so what is going on with jacob',
      "[patient] he's been pulling at his right ear for two days and he had a fever last night of 102",
      '[doctor] is he eating and drinking okay',
      "[patient] he's drinking fine not eating as much",
      '[doctor] any vomiting or diarrhea',
      '[patient] no',
      '[doctor] his right tympanic membrane is bulging and erythematous so he has acute otitis media',
      '[doctor] we will do amoxicillin 90 milligrams per kilogram per day divided twice a day for 10 days and motrin as needed for fever',
    ],
    must: [
      ['aom', [['otitis media', 'ear infection']]],
      ['amoxicillin', [['amoxicillin'], ['10 days']]],
      ['fever', [['102']]],
    ],
    not: [
      ['vomiting', 'denied', [['vomiting']]],
      ['diarrhea', 'denied', [['diarrhea']]],
    ],
  },
  {
    id: 'sinusitis',
    d: [
      '[doctor] so tell me whats going on',
      "[patient] i've had this stuffy nose and pressure in my face for like twelve days now and it's getting worse",
      '[doctor] any fever',
      '[patient] low grade like 99 something',
      '[doctor] any tooth pain',
      '[patient] yeah my upper teeth hurt',
      '[doctor] okay there is maxillary sinus tenderness so given the duration over ten days this is likely a bacterial sinusitis i will prescribe augmentin 875 milligrams twice a day for 7 days and use flonase two sprays each nostril daily',
    ],
    must: [
      ['sinusitis', [['sinusitis']]],
      ['augmentin', [['augmentin', 'amoxicillin-clavulanate'], ['875 mg']]],
      ['flonase', [['flonase', 'fluticasone']]],
    ],
    not: [],
  },
  {
    id: 'pneumonia',
    d: [
      '[doctor] what brings you in today',
      "[patient] i've had a cough with green stuff and fevers for four days and now i get winded walking to the bathroom",
      '[doctor] any chest pain',
      '[patient] only when i cough',
      '[doctor] your oxygen is 93 percent and i hear crackles in the right lower lobe and the chest x-ray shows a right lower lobe infiltrate',
      '[doctor] so you have community acquired pneumonia we will treat with doxycycline 100 milligrams twice a day for 7 days',
      '[doctor] if you get more short of breath or your lips turn blue go to the emergency room',
    ],
    must: [
      ['pneumonia', [['pneumonia']]],
      ['doxy', [['doxycycline'], ['100 mg']]],
      ['o2', [['93']]],
      ['infiltrate', [['infiltrate']]],
    ],
    not: [],
  },
  {
    id: 'cellulitis',
    d: [
      '[doctor] so you have a red leg',
      "[patient] yeah my left shin got red and hot like three days ago and it's spreading",
      '[doctor] did you have any cuts or bug bites there',
      '[patient] i scraped it gardening last week',
      '[doctor] any fevers or chills',
      "[patient] no i haven't had any fever",
      '[doctor] there is an area of erythema and warmth about 8 by 10 centimeters no fluctuance so no abscess this is cellulitis',
      '[doctor] keflex 500 milligrams four times a day for 7 days and i am going to mark the border if it spreads past the line come back',
    ],
    must: [
      ['cellulitis', [['cellulitis']]],
      ['keflex', [['keflex', 'cephalexin'], ['500 mg']]],
    ],
    not: [
      ['fever', 'denied', [['fever']]],
      ['abscess', 'ruled-out', [['abscess']]],
    ],
  },
  {
    id: 'strep-kid',
    d: [
      '[doctor] hi so what is going on with her',
      "[patient] she's had a sore throat and a fever since yesterday and she says it hurts to swallow",
      '[doctor] any cough or runny nose',
      '[patient] no cough',
      '[doctor] her tonsils are enlarged with exudate and she has tender anterior cervical nodes',
      '[doctor] the rapid strep came back positive so this is strep pharyngitis',
      '[doctor] she will take amoxicillin 500 milligrams twice daily for ten days and she can go back to school after 24 hours on antibiotics',
    ],
    must: [
      ['strep', [['strep']]],
      ['amox', [['amoxicillin'], ['500 mg']]],
      ['exudate', [['exudate']]],
    ],
    not: [['cough', 'denied', [['cough']]]],
  },
  {
    id: 'contraception',
    d: [
      '[doctor] so you wanted to talk about birth control',
      "[patient] yes i've been on the pill but i keep forgetting to take it",
      '[doctor] do you smoke',
      '[patient] no',
      '[doctor] any history of blood clots or migraines with aura',
      '[patient] no',
      '[doctor] okay so a good option would be the nexplanon implant or an iud',
      '[patient] i think i want the implant',
      '[doctor] great we can place the nexplanon today it lasts three years',
    ],
    must: [['nexplanon', [['nexplanon', 'implant']]]],
    not: [
      ['smoker', 'denied', [['smokes', 'smoker']]],
      ['clots', 'denied', [['blood clots']]],
      ['iud', 'hypothetical', [['iud placed', 'iud inserted']]],
    ],
  },
  {
    id: 'pelvic-pain',
    d: [
      '[doctor] tell me about the pain',
      "[patient] it's in my lower right side it started yesterday and it's sharp",
      '[doctor] any vaginal discharge or fever',
      '[patient] no',
      '[doctor] when was your last period',
      '[patient] about three weeks ago',
      '[doctor] okay there is right lower quadrant tenderness no rebound',
      "[doctor] i am worried about an ovarian cyst but we need to rule out appendicitis or an ectopic so we'll get a pregnancy test a cbc and a pelvic ultrasound today",
    ],
    must: [
      ['us', [['pelvic ultrasound', 'ultrasound']]],
      ['cbc', [['cbc']]],
      ['preg test', [['pregnancy test']]],
    ],
    not: [
      ['appendicitis', 'possible', [['appendicitis']]],
      ['ectopic', 'possible', [['ectopic']]],
      ['discharge', 'denied', [['vaginal discharge']]],
      ['fever', 'denied', [['fever']]],
    ],
  },
  {
    id: 'crisis',
    d: [
      '[doctor] how are you doing today',
      '[patient] not great i lost my job last month and i just feel hopeless',
      '[doctor] i am sorry to hear that are you having any thoughts of ending your life',
      '[patient] no i would never do that',
      '[doctor] any thoughts of harming others',
      '[patient] no',
      '[doctor] do you drink or use any drugs',
      '[patient] i have been drinking more like three or four beers a night',
      '[doctor] okay your phq-9 is 18 so this is major depressive disorder i would like to start lexapro 10 milligrams daily and connect you with behavioral health',
      '[doctor] if you ever have thoughts of hurting yourself call 988 or go to the er',
    ],
    must: [
      ['mdd', [['depressive', 'depression']]],
      ['lexapro', [['lexapro', 'escitalopram'], ['10 mg']]],
      ['bh', [['behavioral health']]],
      ['alcohol', [['beers', 'alcohol']]],
    ],
    not: [
      ['si', 'denied', [['suicidal', 'ending your life', 'ending her life', 'ending his life', 'hurting yourself']]],
      ['hi', 'denied', [['homicidal', 'harming others']]],
    ],
  },
  {
    id: 'chest-pain',
    d: [
      '[doctor] so you had some chest pain',
      "[patient] yeah it's like a sharp pain on the left side when i take a deep breath it started two days ago after i was moving furniture",
      '[doctor] does it go to your arm or jaw',
      '[patient] no',
      '[doctor] any sweating shortness of breath or leg swelling',
      '[patient] no none of that',
      '[doctor] okay pressing on your chest wall reproduces the pain and your ekg is normal',
      '[doctor] so this is costochondritis take naproxen 500 milligrams twice a day with food for 10 days',
      '[doctor] if you get chest pressure shortness of breath or sweating call 911',
    ],
    must: [
      ['costo', [['costochondritis']]],
      ['naproxen', [['naproxen'], ['500 mg']]],
      ['ekg', [['ekg', 'ecg', 'electrocardiogram']]],
    ],
    not: [
      ['radiation', 'denied', [['radiates to the arm', 'radiating to the arm', 'jaw']]],
      ['leg swelling', 'denied', [['leg swelling']]],
    ],
  },
  {
    id: 'sob',
    d: [
      '[doctor] what brings you in',
      "[patient] i've been short of breath for about a week especially when i lie flat",
      '[doctor] any chest pain',
      '[patient] no chest pain',
      '[doctor] do you have heart failure',
      '[patient] i had a heart attack in 2015',
      '[doctor] okay your legs have 2 plus pitting edema and there are crackles at both bases so this looks like a heart failure exacerbation',
      '[doctor] i want to get a bnp and a chest x-ray and increase your lasix to 40 milligrams twice a day',
      '[doctor] we might need an echocardiogram depending on the results',
    ],
    must: [
      ['hf', [['heart failure']]],
      ['bnp', [['bnp']]],
      ['lasix', [['lasix', 'furosemide'], ['40 mg']]],
      ['edema', [['edema']]],
    ],
    not: [
      ['chest pain', 'denied', [['chest pain']]],
      ['mi current', 'past', [['heart attack', 'myocardial infarction']]],
      ['echo', 'hypothetical', [['echocardiogram ordered']]],
    ],
  },
  {
    id: 'back-pain',
    d: [
      '[doctor] so your back is bothering you',
      '[patient] yeah i bent over to pick up a box on friday and something just went in my lower back',
      '[doctor] does it go down your leg',
      '[patient] no it stays in my back',
      '[doctor] any trouble controlling your bladder or bowels or numbness in your groin',
      '[patient] no',
      '[doctor] any history of cancer',
      '[patient] no',
      '[doctor] okay straight leg raise is negative strength is five out of five this is a lumbar strain',
      '[doctor] we will try cyclobenzaprine 5 milligrams at bedtime and physical therapy and we do not need imaging right now',
    ],
    must: [
      ['strain', [['lumbar strain', 'back strain']]],
      ['flexeril', [['cyclobenzaprine', 'flexeril'], ['5 mg']]],
      ['pt', [['physical therapy']]],
    ],
    not: [
      ['incontinence', 'denied', [['incontinence', 'bladder']]],
      ['cancer', 'denied', [['cancer']]],
      ['saddle', 'denied', [['numbness']]],
      ['radiating', 'denied', [['radiates down', 'radiating down', 'sciatica']]],
    ],
  },
  {
    id: 'rash',
    d: [
      '[doctor] so you have a rash',
      "[patient] yeah it's these little red bumps on my chest and back it's super itchy",
      '[doctor] how long',
      '[patient] about five days',
      '[doctor] any new medications',
      '[patient] i started an antibiotic last week for my tooth amoxicillin',
      '[doctor] okay this looks like a drug eruption from the amoxicillin stop the amoxicillin take zyrtec 10 milligrams daily and i will add it to your allergy list',
      '[doctor] if you get lip swelling or trouble breathing go to the er',
    ],
    must: [
      ['drug rash', [['drug eruption', 'drug rash']]],
      ['zyrtec', [['zyrtec', 'cetirizine'], ['10 mg']]],
      ['stop amox', [['amoxicillin']]],
    ],
    not: [],
  },
  {
    id: 'abd-consider',
    d: [
      '[doctor] what brings you in',
      "[patient] i've had this pain in my upper belly for about three weeks it's worse after fatty food",
      '[doctor] any vomiting or blood in your stool',
      '[patient] no',
      '[doctor] any weight loss',
      '[patient] no',
      '[doctor] okay you are tender in the right upper quadrant',
      "[doctor] this could be gallstones so let's get a right upper quadrant ultrasound and liver tests if those are normal we could think about an endoscopy down the road",
    ],
    must: [
      ['ruq us', [['ultrasound']]],
      ['lft', [['liver']]],
      ['ruq', [['right upper quadrant']]],
    ],
    not: [
      ['endoscopy', 'hypothetical', [['endoscopy']]],
      ['gallstones', 'possible', [['gallstones']]],
      ['vomiting', 'denied', [['vomiting']]],
      ['weight loss', 'denied', [['weight loss']]],
    ],
  },
  {
    id: 'telehealth',
    d: [
      '[doctor] hi can you hear me okay on the video',
      '[patient] yes i can',
      '[doctor] great so what is going on',
      "[patient] i've had pink eye in my left eye since yesterday it's crusty in the morning",
      '[doctor] any vision changes or pain',
      '[patient] no just itchy and goopy',
      '[doctor] from what i can see on video the eye is red with discharge this is likely bacterial conjunctivitis',
      '[doctor] i will send erythromycin ointment apply four times a day for 5 days and wash your hands a lot',
    ],
    must: [
      ['conj', [['conjunctivitis']]],
      ['erythro', [['erythromycin']]],
    ],
    not: [
      ['vision', 'denied', [['vision changes']]],
      ['eye pain', 'denied', [['eye pain']]],
    ],
  },
  {
    id: 'concussion',
    d: [
      '[doctor] so he hit his head',
      "[patient] yes he got hit in soccer yesterday and he's had a headache since",
      '[doctor] did he pass out',
      '[patient] no he did not lose consciousness',
      '[doctor] any vomiting',
      '[patient] he threw up once last night',
      '[doctor] his neuro exam is normal so this is a concussion no ct needed right now',
      '[doctor] brain rest no screens no sports until he is symptom free and see me in one week',
      '[doctor] if he vomits again or gets confused bring him to the er',
    ],
    must: [
      ['concussion', [['concussion']]],
      ['1 week', [['1 week', 'one week']]],
      ['vomit', [['vomit', 'vomited', 'emesis', 'vomiting']]],
    ],
    not: [['loc', 'denied', [['loss of consciousness', 'lost consciousness']]]],
  },
  {
    id: 'fever-infant',
    d: [
      '[doctor] so tell me about the fever',
      "[patient] she's had a fever since yesterday up to 103 and she's been fussy",
      '[doctor] is she having wet diapers',
      "[patient] yes she's peeing fine",
      '[doctor] any rash',
      '[patient] no rash',
      '[doctor] her ears and throat look normal lungs clear the urine shows leukocytes so we think this is a urinary tract infection',
      '[doctor] we will send a urine culture and start cefdinir 14 milligrams per kilogram once daily for 10 days and recheck in 2 days',
    ],
    must: [
      ['uti', [['urinary tract infection', 'uti']]],
      ['cefdinir', [['cefdinir']]],
      ['103', [['103']]],
      ['culture', [['culture']]],
    ],
    not: [['rash', 'denied', [['rash']]]],
  },
  {
    id: 'hives-allergy',
    d: [
      '[doctor] what happened',
      '[patient] i ate shrimp at a party and broke out in hives all over',
      '[doctor] any lip or tongue swelling or trouble breathing',
      '[patient] no',
      '[doctor] okay you have urticaria from a likely shellfish allergy',
      '[doctor] take benadryl 25 milligrams every 6 hours as needed and i will prescribe an epipen and refer you to allergy for testing',
    ],
    must: [
      ['urticaria', [['urticaria', 'hives']]],
      ['benadryl', [['benadryl', 'diphenhydramine'], ['25 mg']]],
      ['epipen', [['epipen', 'epinephrine']]],
      ['allergy ref', [['allergy']]],
    ],
    not: [
      ['angioedema', 'denied', [['tongue swelling', 'lip swelling', 'angioedema']]],
      ['sob', 'denied', [['trouble breathing']]],
    ],
  },
  {
    id: 'shingles',
    d: [
      '[doctor] so what brings you in',
      "[patient] i've got this burning painful rash on my right side of my back that wraps around",
      '[doctor] when did it start',
      '[patient] the pain started four days ago and the blisters came out two days ago',
      '[doctor] have you had chickenpox',
      '[patient] yes as a kid',
      '[doctor] this is a dermatomal vesicular rash consistent with shingles i will start valacyclovir 1 gram three times a day for 7 days and gabapentin 300 milligrams at bedtime for the pain',
    ],
    must: [
      ['zoster', [['shingles', 'zoster']]],
      [
        'valtrex',
        [
          ['valacyclovir', 'valtrex'],
          ['1 g', '1 gram'],
        ],
      ],
      ['gaba', [['gabapentin'], ['300 mg']]],
    ],
    not: [['chickenpox', 'past', [['chickenpox']]]],
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
