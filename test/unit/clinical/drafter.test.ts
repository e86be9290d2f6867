import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript, verifyNote } from '../../../core/clinical/index.js';
import { numbersIn, unsupportedNumbers } from '../../../core/clinical/numbers.js';
import { fleschKincaid } from '../../../core/clinical/readability.js';
import { listTemplates, loadTemplate, templateIds } from '../../../core/clinical/templates.js';
import { cleanSpoken, toThirdPerson } from '../../../core/clinical/rewrite.js';
import { SOURCES } from '../../../core/clinical/drafter.js';

const sample = readFileSync('resources/samples/demo-visit.txt', 'utf8');
const transcript = parseTranscript(sample);
const have = new Set(numbersIn(transcript.turns.map((t) => t.text).join('\n')));

/** The draft of a visit given as tagged lines (the outpatient note unless a template is named). */
const draftOfLines = (lines: string[], template?: string) =>
  draftNote(parseTranscript(lines.join('\n')), template ? { template } : {});
/** The sentences of the draft's section whose title matches (none when the section is absent). */
const sectionOf = (d: ReturnType<typeof draftNote>, title: RegExp): string[] =>
  d.sections.find((s) => title.test(s.title))?.sentences.map((s) => s.text) ?? [];

describe('templates', () => {
  it('ships the 8 templates as valid data files naming known content sources', () => {
    expect(templateIds()).toEqual([
      'outpatient',
      'discharge',
      'hp',
      'patient-instructions',
      'prior-auth',
      'progress',
      'referral',
      'soap',
    ]);
    for (const t of listTemplates())
      for (const s of t.sections) expect(SOURCES[s.source], `${t.id}/${s.source}`).toBeDefined();
    expect(loadTemplate('outpatient').sections.map((s) => s.title)).toEqual([
      'CHIEF COMPLAINT',
      'HISTORY OF PRESENT ILLNESS',
      'PAST MEDICAL HISTORY',
      'SURGICAL HISTORY',
      'FAMILY HISTORY',
      'SOCIAL HISTORY',
      'CURRENT MEDICATIONS',
      'ALLERGIES',
      'IMMUNIZATIONS',
      'REVIEW OF SYSTEMS',
      'PHYSICAL EXAMINATION',
      'RESULTS',
      'ASSESSMENT AND PLAN',
    ]);
    // The core sections stay in every note, saying so when the visit did not cover them.
    expect(
      loadTemplate('outpatient')
        .sections.filter((s) => s.omitIfEmpty === false)
        .map((s) => s.id),
    ).toEqual(['cc', 'hpi', 'exam', 'ap']);
  });

  it('rejects unknown template ids', () => {
    expect(() => loadTemplate('nope')).toThrow(/unknown template 'nope'/);
    expect(() => loadTemplate('../etc')).toThrow(/unknown template/);
  });
});

describe('rewriting into third person', () => {
  it('turns patient first person into she/he with verb agreement', () => {
    expect(toThirdPerson(cleanSpoken('um, i, i just feel tired and my knee hurts.'), 'patient', 'female')).toBe(
      'she just feels tired and her knee hurts.',
    );
    expect(toThirdPerson("i've been taking it and i'm better", 'patient', 'male')).toBe(
      'he has been taking it and he is better',
    );
  });

  it("turns the doctor's 'you/your' into the patient", () => {
    expect(toThirdPerson('you have some fluid in your legs', 'doctor', 'female')).toBe(
      'she has some fluid in her legs',
    );
    expect(toThirdPerson('i want you to rest', 'doctor', 'male')).toBe('i want him to rest');
    // A past-tense verb after "you" makes "you" the subject; "you" before "to" is the object.
    expect(toThirdPerson('i think you retained some fluid', 'doctor', 'female')).toBe(
      'i think she retained some fluid',
    );
    expect(toThirdPerson('it sounds like you injured your knee', 'doctor', 'male')).toBe(
      'it sounds like he injured his knee',
    );
    expect(toThirdPerson('i would like you to rest', 'doctor', 'female')).toBe('i would like her to rest');
    expect(toThirdPerson('we asked you to bring it', 'doctor', 'female')).toBe('we asked her to bring it');
  });
});

describe('draftNote', () => {
  for (const id of templateIds()) {
    it(`${id}: every sentence has evidence and every number is in the transcript`, () => {
      const d = draftNote(transcript, { template: id });
      expect(d.template).toBe(id);
      const sentences = d.sections.flatMap((s) => s.sentences);
      expect(sentences.length).toBeGreaterThan(0);
      for (const s of sentences) {
        // The verifier may flag a sentence; a flagged one says why.
        if (!s.supported) expect(s.problems?.length).toBeGreaterThan(0);
        else expect(s.problems).toBeUndefined();
        expect(s.evidence.length).toBeGreaterThan(0);
        for (const e of s.evidence) expect(e).toBeLessThan(transcript.turns.length);
        expect(unsupportedNumbers(s.text, have)).toEqual([]);
      }
      for (const sec of d.sections) expect(d.note).toContain(sec.title);
    });
  }

  it('outpatient note: ACI-BENCH headings, third-person prose, no pasted dialogue tags', () => {
    const d = draftNote(transcript);
    expect(d.note.split('\n\n')[0]!.split('\n')[0]).toBe('CHIEF COMPLAINT');
    expect(d.note).toMatch(/^HISTORY OF PRESENT ILLNESS$/m);
    expect(d.note).toMatch(/^ASSESSMENT AND PLAN$/m);
    expect(d.note).not.toMatch(/\[(doctor|patient)\]/);
    const hpi = d.sections.find((s) => s.id === 'hpi')!;
    const text = hpi.sentences.map((s) => s.text).join(' ');
    expect(text).not.toMatch(/\b(I|my|me|I'm|I've)\b/);
    expect(text).toMatch(/\bHe\b/);
    const ros = d.sections.find((s) => s.id === 'ros')!.sentences.map((s) => s.text);
    expect(ros.join('\n')).toMatch(/Cardiovascular: Denies chest pain/);
    const exam = d.sections.find((s) => s.id === 'exam')!.sentences.map((s) => s.text);
    expect(exam).toContain('• Blood pressure: 138/84 mmHg.');
  });

  it('note text has headings on their own line and blank lines between sections', () => {
    const d = draftNote(transcript, { template: 'soap' });
    const blocks = d.note.split('\n\n');
    expect(blocks.length).toBe(d.sections.length);
    blocks.forEach((b, i) => expect(b.split('\n')[0]).toBe(d.sections[i]!.title));
  });

  it('patient instructions read at grade 8 or below', () => {
    const d = draftNote(transcript, { template: 'patient-instructions' });
    const body = d.sections.flatMap((s) => s.sentences.map((x) => x.text)).join('\n');
    expect(body.length).toBeGreaterThan(50);
    expect(fleschKincaid(body).grade).toBeLessThanOrEqual(8);
    expect(body).toMatch(/doxycycline/);
  });

  it('prior-auth letter states diagnosis, requested treatment and necessity', () => {
    const d = draftNote(transcript, { template: 'prior-auth' });
    const ids = d.sections.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['diagnosis', 'treatment', 'necessity']));
    expect(
      d.sections
        .find((s) => s.id === 'treatment')!
        .sentences.map((s) => s.text)
        .join(' '),
    ).toMatch(/doxycycline/);
  });

  it('drafts untagged text too', () => {
    const untagged = transcript.turns.map((t) => t.text).join('\n');
    const d = draftNote(parseTranscript(untagged));
    expect(d.sections.length).toBeGreaterThan(3);
  });
});

describe('history of present illness', () => {
  const hpiOf = (lines: string[]) =>
    draftNote(parseTranscript(lines.join('\n')))
      .sections.find((s) => s.id === 'hpi')!
      .sentences.map((s) => s.text);

  it('writes no denial the patient takes back later, and no leading "no, but" or trailing comment', () => {
    const hpi = hpiOf([
      '[doctor] what brings you in today?',
      "[patient] i've been having headaches for about two weeks.",
      '[doctor] have you lost weight?',
      '[patient] no, but i stopped taking my birth control pills last month.',
      '[doctor] okay.',
      "[patient] and i don't get up at night anymore with the headaches, and that's always a good thing.",
      '[doctor] okay, and your face does look thinner.',
      '[patient] well, the past 6 months i have lost some weight.',
      '[doctor] okay. anything else going on?',
      '[patient] no, that is it.',
      '[doctor] alright, let me examine you now. your lungs are clear.',
    ]);
    expect(hpi.join(' ')).not.toMatch(/denies weight loss/i);
    expect(hpi.some((s) => /stopped taking/.test(s) && !/^No\b/.test(s))).toBe(true);
    expect(hpi.join(' ')).not.toMatch(/^No,? but|good thing/im);
  });

  it('tells how an injury happened ("stepped off the curb"), without the embarrassment', () => {
    const hpi = hpiOf([
      "[doctor] hey, i see in the nurse's notes that you hurt your left ankle, tell me more about that.",
      "[patient] my wife and i were on a walk and i stepped off the curb and landed on it wrong, it's kind of embarrassing.",
      '[doctor] okay, and when was that?',
      '[patient] two days ago, and it has been swollen since.',
      "[doctor] alright, let's do a quick physical exam. there is swelling over the lateral malleolus.",
      "[doctor] so for your left ankle sprain, i'll give you an air cast.",
    ]);
    expect(hpi.join(' ')).toMatch(/stepped off the curb and landed on it wrong\./);
    expect(hpi.join(' ')).not.toMatch(/embarrassing/);
  });

  it('keeps a leading "no" that negates what follows', () => {
    const hpi = hpiOf([
      '[doctor] any fever, chills or nausea since the headaches started?',
      "[patient] no fever, some chills and i'm in so much pain i can't eat.",
    ]);
    expect(hpi.join(' ')).not.toMatch(/(?:^|\. )Fever some chills/);
  });
});

describe('chief complaint without a stated reason', () => {
  const ccOf = (lines: string[]) =>
    draftNote(parseTranscript(lines.join('\n')))
      .sections.find((s) => s.id === 'cc')!
      .sentences.map((s) => s.text)
      .join(' ');

  it('names the site as said, with its side', () => {
    expect(
      ccOf([
        '[doctor] what brings you in?',
        '[patient] um, i am having a lot of pain at the end of my right middle finger.',
        '[doctor] what did you do?',
        '[patient] i jammed it in a car door.',
      ]),
    ).toBe('Right middle finger pain.');
  });

  it("takes the side from the visit when the complaint is said without it, and the doctor's opening injury", () => {
    expect(
      ccOf([
        '[doctor] so i see you have some knee pain, tell me what happened.',
        '[patient] i was jumping on the trampoline and my knee hurts a lot.',
        '[doctor] okay, which knee was it?',
        '[patient] my right knee.',
      ]),
    ).toBe('Right knee pain.');
    expect(
      ccOf([
        "[doctor] hey, i see in the nurse's notes that you hurt your left ankle, tell me more about that.",
        '[patient] i stepped off the curb and landed on it wrong and it has been killing me.',
      ]),
    ).toBe('Left ankle injury.');
  });
});

describe('diagnoses stated in words', () => {
  const apOf = (lines: string[]) =>
    draftNote(parseTranscript(lines.join('\n')))
      .sections.find((s) => /assessment/i.test(s.title))!
      .sentences.map((s) => s.text);

  it('heads the A&P with a diagnosis the lexicon does not know, stated during the exam or in the plan', () => {
    const ap = apOf([
      '[doctor] what brings you in today?',
      '[patient] my right elbow has been hurting for a year and a half.',
      '[doctor] okay, any other symptoms?',
      '[patient] no.',
      "[doctor] alright, let's go ahead and do a quick physical exam. on exam of your right elbow there is pain with supination and no pain with pronation.",
      "[doctor] we took some x-rays, you don't have any fractures, and i do think that what you have is medial epicondylitis which is an overuse injury.",
      '[doctor] so for the plan, i am going to send you for an mri of the elbow.',
      '[patient] okay.',
    ]);
    expect(ap[0]).toBe('Medial epicondylitis.');
  });

  it('reads a diagnosis named in passing during the exam ("we call this …") and the drug given for it', () => {
    const ap = apOf([
      '[doctor] what brings you in today?',
      '[patient] my big toe has been hurting off and on for about 2 weeks.',
      '[doctor] did you injure it?',
      "[patient] no, i don't remember an injury.",
      '[doctor] okay, any fever?',
      '[patient] no.',
      '[doctor] let me take a look. on exam there is tenderness over the big toe joint.',
      '[patient] ouch.',
      '[doctor] taking a look at your x-ray you have a large spur on the top of your big toe joint',
      '[patient] oh',
      '[doctor] and so you have got some arthritis in there we call this hallux rigidus and treatment for this to start off with we put an insert in your shoe and we give you a little bit of anti-inflammatory medication or a drug called meloxicam you only have to take it once a day',
      '[patient] okay',
      '[doctor] i want to see you back in 2 weeks.',
    ]);
    expect(ap[0]).toBe('Hallux rigidus.');
    expect(ap.join(' ')).toMatch(/Start meloxicam once a day\./);
  });

  it('heads the block with a common outpatient diagnosis the lexicon knows ("this looks like shingles")', () => {
    const ap = apOf([
      '[doctor] what brings you in today?',
      '[patient] i have this painful rash on my side for 3 days.',
      '[doctor] any fever?',
      '[patient] no.',
      '[doctor] on exam there are vesicles in a band on the left flank.',
      '[patient] okay.',
      '[doctor] this looks like shingles, so i am going to start valacyclovir 1 gram three times a day for 7 days.',
      '[patient] okay.',
    ]);
    expect(ap).toEqual(['Shingles.', '• Medical Treatment: Start valacyclovir 1 g 3 times a day for 7 days.']);
  });

  it("a suspected diagnosis that gives the visit its reason stays suspected in the chief complaint; a bull's eye rash is skin", () => {
    const d = draftOfLines([
      '[doctor] hi, how are you?',
      '[patient] good. i found a tick on my leg last week.',
      '[doctor] okay. any fever?',
      '[patient] no.',
      "[doctor] on exam there is a bull's eye rash over the right knee.",
      '[patient] okay.',
      '[doctor] for my assessment and plan, you may have lyme disease, so i will start doxycycline 100 mg twice a day and send a lyme titer.',
      '[patient] okay.',
    ]);
    expect(sectionOf(d, /chief complaint/i)).toEqual(['Possible lyme disease.']);
    expect(sectionOf(d, /assessment/i)[0]).toBe('Possible lyme disease.');
    expect(sectionOf(d, /physical exam/i)).toEqual(["• Integumentary: A bull's eye rash over the right knee."]);
  });

  it('files a drug under the problem it treats and a statement under the problem it names', () => {
    const ap = apOf([
      '[doctor] how are you feeling?',
      '[patient] my legs are more swollen and i am short of breath.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] on exam there is 2+ pitting edema of both legs.',
      '[patient] okay.',
      '[doctor] for your first problem, your congestive heart failure, i think you retained some fluid from salty food.',
      '[patient] okay.',
      '[doctor] for your second problem, your skin cancer, the pathology report shows it was all removed. we will also start lasix 40 mg once a day.',
      '[patient] okay.',
      '[doctor] it was an exacerbation of your heart failure.',
    ]);
    expect(ap).toEqual([
      'Congestive heart failure.',
      '• Medical Reasoning: They retained some fluid from salty food.',
      'It was an exacerbation of their heart failure.',
      '• Medical Treatment: Start Lasix 40 mg once a day.',
      'Skin cancer.',
      '• Medical Reasoning: The pathology report shows it was all removed.',
    ]);
  });

  it('files an exam finding called out once the plan has begun under the exam, not the A&P', () => {
    const d = draftOfLines([
      '[doctor] how is your blood pressure?',
      '[patient] good, i take my amlodipine most days.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] on exam your heart has a regular rate and rhythm.',
      '[patient] okay.',
      '[doctor] for your first problem, your hypertension, continue amlodipine 10 mg daily.',
      "[doctor] on exam you don't have any lower extremity edema.",
      '[patient] okay.',
    ]);
    expect(sectionOf(d, /physical exam/i).join(' ')).toMatch(
      /• Cardiovascular: .*They do not have any lower extremity edema\./,
    );
    expect(sectionOf(d, /assessment/i).join(' ')).not.toMatch(/edema/);
  });

  it('a knee injury: side in the complaint, the exam opened in words, "it sounds like you have" is possible', () => {
    const d = draftOfLines([
      '[doctor] so i see that you hurt your knee, tell me about what happened',
      '[patient] i was jumping on my trampoline and i slipped.',
      '[doctor] which knee was it',
      '[patient] my right knee',
      '[doctor] and when did this happen',
      '[patient] about 4 days ago',
      '[doctor] have you been able to stand on it or does that hurt too much',
      '[patient] it hurts quite a bit to stand but i can put weight on it',
      '[doctor] did you feel a pop?',
      '[patient] yeah i felt a little pop and then it swelled up really big afterward',
      '[doctor] okay and how is your diabetes?',
      '[patient] it is going okay.',
      "[doctor] okay so let's do a physical exam. when i press on the inside of your knee does that hurt",
      '[patient] yeah that hurts',
      "[doctor] okay so let's talk a little bit about your plan. it sounds like you have a torn or injured mcl so i'm gonna put you in a straight leg brace and send you out for an mri",
      '[patient] okay',
    ]);
    expect(sectionOf(d, /chief complaint/i)).toEqual(['Right knee injury.']);
    // "does that hurt too much" asked in the history does not open the exam: the answers stay history.
    expect(sectionOf(d, /present illness/i).join(' ')).toMatch(/hurts quite a bit to stand/);
    expect(sectionOf(d, /present illness/i).join(' ')).toMatch(/felt a little pop/);
    expect(sectionOf(d, /physical exam/i)).toEqual([
      // The inside of the knee is the medial knee in a note.
      '• Musculoskeletal: Tenderness to palpation of the medial knee.',
    ]);
    expect(sectionOf(d, /assessment/i)[0]).toBe('Possible MCL tear.');
    // "send you out for an mri" is an order, stated once as an item.
    expect(sectionOf(d, /assessment/i)).toContain('• Additional Testing: Order MRI.');
  });

  it('a clause that only announces a study labels the finding after it ("Chest x-ray: …")', () => {
    const ap = apOf([
      '[doctor] how are you feeling?',
      '[patient] more short of breath and my legs are swollen.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] on exam there are crackles at both lung bases.',
      '[patient] okay.',
      '[doctor] for your congestive heart failure, so, looking here at the results of your chest x-ray, it does look like you have a little bit of fluid in your lungs there, and that can be from your heart failure, so we will increase your lasix to 80 mg once a day.',
      '[patient] okay.',
    ]);
    expect(ap).toEqual([
      'Congestive heart failure.',
      '• Medical Reasoning: Chest x-ray: it does look like they have a little bit of fluid in their lungs there, and that can be from their heart failure.',
      '• Medical Treatment: Increase Lasix to 80 mg once a day.',
    ]);
  });

  it('keeps what an injury is of, and states no denied diagnosis', () => {
    const ap = apOf([
      '[patient] i hurt my knee skiing two weeks ago.',
      '[doctor] on exam there is pain with flexion of the right knee.',
      "[doctor] for my assessment and plan, i think you have a strain of your posterior cruciate ligament so we'll brace it and i'll refer you to physical therapy.",
      "[doctor] i don't think you have a fracture of the knee.",
    ]);
    // The structure is kept, written with the joint and side it is of, as a clinician heads it.
    expect(ap.join(' ')).toMatch(/Right knee posterior cruciate ligament strain\./);
    expect(ap.join(' ')).not.toMatch(/^Fracture/m);
  });
});

describe('imaging results', () => {
  const resultsOf = (lines: string[]) =>
    draftNote(parseTranscript(lines.join('\n')))
      .sections.flatMap((s) => s.sentences.map((x) => x.text))
      .filter((t) => /^[A-Za-z ]*(?:X-ray|x-ray|MRI|CT):/.test(t));

  it('writes a reviewed study as the study and its findings, present and absent', () => {
    const r = resultsOf([
      '[patient] i hurt my right knee skiing.',
      '[doctor] okay, let me examine you. on exam there is tenderness of the right knee.',
      "[doctor] when i look at the results of your x-ray i do not appreciate any fracture, what i am noticing is the development of a little bit of arthritis, and that's why it aches in the cold. i'm going to order an mri to make sure there is no tear.",
    ]);
    expect(r).toEqual(['X-ray: arthritis; no fracture.']);
  });

  it('keeps a measured finding in its own words, and reads no order as a result', () => {
    const r = resultsOf([
      '[patient] i have pain in my right side.',
      '[doctor] okay, on exam there is tenderness in the right flank.',
      '[doctor] the ct scan showed a 0.5 cm stone in the proximal right ureter and no hydronephrosis.',
      "[doctor] i want to get an x-ray of your chest to make sure there's no pneumonia.",
    ]);
    expect(r.join(' ')).not.toMatch(/^CT: stone/);
    expect(r.join(' ')).not.toMatch(/X-ray: no pneumonia/);
  });
});

describe('reviewed results with a verdict', () => {
  const linesOf = (lines: string[]) =>
    draftNote(parseTranscript(lines.join('\n'))).sections.flatMap((s) => s.sentences.map((x) => x.text));

  it('writes a named study the doctor judged as the study and its verdict, not the sentence that judged it', () => {
    const l = linesOf([
      '[patient] my asthma is worse in the summer.',
      '[doctor] on exam you do have some wheezing in both lungs.',
      '[doctor] hey dragon, show me the pfts.',
      '[doctor] okay, so your pfts, those are your breathing studies, and those look quite good.',
      '[doctor] so looking here at your right knee x-ray, there is no fracture. but it does show that you do have that residual arthritis there.',
      "[doctor] for your asthma, let's add symbicort 2 puffs twice a day.",
    ]);
    expect(l).toContain('PFTs: normal.');
    expect(l).toContain('Right knee X-ray: residual arthritis; no fracture.');
    expect(l.join(' ')).not.toMatch(/breathing studies/);
  });

  it('keeps what the study under review did not show, said in its own sentence, and no explanation of it', () => {
    const l = linesOf([
      '[patient] i have pain in my right side.',
      '[doctor] on exam there is tenderness in the right flank.',
      "[doctor] we were able to get a ct of your side and it showed that you do have a stone in the right ureter. alright i don't see any evidence of hydronephrosis. so that means that there's no swelling in your kidney which is pretty good.",
      '[doctor] my impression is a kidney stone, and i want you to push fluids.',
    ]);
    expect(l.join(' ')).toMatch(/CT: [a-z ;]*no hydronephrosis\./);
    expect(l.join(' ')).not.toMatch(/that means/i);
  });

  it('writes the study shown with its findings, and keeps announcements, explanations and the assessment out of it', () => {
    const d = draftNote(
      parseTranscript(
        [
          '[patient] i have been really tired and my stools were black.',
          '[doctor] okay, let me examine you. your abdomen is soft.',
          "[doctor] well, let's go ahead and look at your labs.",
          '[doctor] hey, dragon, show me the endoscope results.',
          '[doctor] good. so it looks like you had some gastritis and they also found a slight polyp, which they biopsied.',
          "[doctor] well, in terms of my impression of you is that you've had this newfound anemia and we should go ahead and put you on protonix, 40 mg, once a day.",
          "[doctor] so that's just what we call a proton pump inhibitor which helps decrease the acid in your stomach.",
        ].join('\n'),
      ),
    );
    const text = (re: RegExp) => sectionOf(d, re).join(' ');
    expect(text(/results/i)).toMatch(/^Endoscopy: .*gastritis.*polyp/);
    expect(text(/results/i)).not.toMatch(/impression|protonix/i);
    const ap = text(/assessment/i);
    expect(ap).not.toMatch(/look at (?:his|her|their) labs|what we call/i);
    expect(ap).toMatch(/protonix 40 mg/i);
  });

  it('reads no verdict that is only supposed, said of a finding, or negated', () => {
    const l = linesOf([
      '[patient] i have a spot on my back.',
      '[doctor] on exam there is a dark lesion on the back.',
      '[doctor] assuming that the ultrasound is normal, we will cut out the area.',
      "[doctor] your labs don't look good, your potassium is 5.9.",
      "[doctor] your ekg, it's not normal.",
    ]);
    expect(l.join(' ')).not.toMatch(/Ultrasound: normal|Labs: normal|EKG: normal/);
    // A verdict on a part of the study is no normal study.
    const mri = linesOf([
      '[patient] i have had worse headaches.',
      '[doctor] on exam your cranial nerves are intact.',
      '[doctor] i personally reviewed pertinent radiology studies including mri for the brain. the mri reveals a pituitary lesion with elevation and compression of the optic chiasm. the ventricles are normal in size and no other abnormalities are noted.',
      '[doctor] for your first problem, the pituitary adenoma, we will refer you to surgery.',
    ]).join(' ');
    expect(mri).not.toMatch(/MRI: normal/);
    expect(mri).toMatch(/pituitary lesion with elevation and compression of the optic chiasm/);
  });
});

describe('exam and A&P placement', () => {
  it('files skin morphology under the skin whatever the body part, without the explanation that follows', () => {
    const exam = sectionOf(
      draftOfLines([
        '[patient] my scalp itches all the time.',
        "[doctor] let me go ahead and look at this a little closer. when i look at your scalp here i do notice that you have demarcated scaly erythematous plaques and that's just explaining technically what's going on across the back of your skull.",
        '[doctor] my impression is that you have psoriasis and i want you to use clobetasol twice daily.',
      ]),
      /physical/i,
    );
    expect(exam.join(' ')).toMatch(/^• Integumentary: .*scaly erythematous plaques\.$/);
    expect(exam.join(' ')).not.toMatch(/explaining/);
  });

  it('writes "the thyroid\'s a bit enlarged" felt at the neck as a neck finding in clinical words', () => {
    const exam = sectionOf(
      draftOfLines([
        '[patient] my sugars have been in the 300s.',
        "[doctor] let's do a quick physical exam. so feeling your neck, i do feel like your thyroid's a bit enlarged here.",
        '[doctor] my impression is diabetes, and we will check your a1c.',
      ]),
      /physical/i,
    ).join(' ');
    expect(exam).toMatch(/^• Neck: Mild thyromegaly\./);
    expect(exam).not.toMatch(/\blike\b/);
  });

  it('states an item said in passing and again under its problem under the problem, with no frame-only line', () => {
    const ap = sectionOf(
      draftOfLines([
        '[patient] my sugars have been high.',
        '[doctor] on exam your abdomen is soft.',
        "[doctor] your a1c is a little high, so for right now let's go ahead and we'll increase your metformin, okay?",
        '[patient] okay.',
        "[doctor] so my impression of you at this time, you know, from a diabetes standpoint, let's increase the metformin to 1,000 mg twice a day.",
      ]),
      /assessment/i,
    );
    const head = ap.findIndex((t) => /^Diabetes\.$/.test(t));
    const item = ap.findIndex((t) => /metformin to 1,000 mg/i.test(t));
    expect(head).toBeGreaterThanOrEqual(0);
    expect(item).toBeGreaterThan(head);
    expect(ap.join(' ')).not.toMatch(/impression/i);
  });
});

describe('a monologue that examines, reviews and plans in one turn', () => {
  it('files the exam, the study with its count and grade, the named problem and the diet advice apart', () => {
    const d = draftNote(
      parseTranscript(
        [
          '[patient] food gets stuck when i swallow bigger pieces.',
          '[doctor] how long has that been going on?',
          '[patient] about two months.',
          "[doctor] okay negative murphy's sign no rebound on examination of the lungs they sound clear to auscultation bilaterally so all of these things sound pretty decent so let's talk about the results i reviewed the results of your barium swallow and it showed that you have 2 areas of mild narrowing in your esophagus so for your primary primary problem you have acute esophagitis i wanna go ahead and prescribe protonix 40 milligrams once a day i encourage you to change your diet and decrease alcohol and caffeine",
        ].join('\n'),
      ),
    );
    const section = (re: RegExp) => sectionOf(d, re).join(' ');
    expect(section(/physical/i)).toMatch(/clear to auscultation/);
    expect(section(/results/i)).toMatch(/^Barium swallow: 2 areas of mild narrowing\.$/);
    const ap = section(/assessment/i);
    expect(ap).toMatch(/^Acute esophagitis\./);
    expect(ap).toMatch(/Decrease alcohol and caffeine\./);
    expect(ap).not.toMatch(/clear to auscultation|barium/i);
  });
});

describe('history details', () => {
  const draftOf = (lines: string[]) =>
    draftNote(
      parseTranscript(
        [
          ...lines,
          '[doctor] okay, let me examine you.',
          '[doctor] your lungs are clear.',
          '[doctor] my plan is to see you back in two weeks.',
        ].join('\n'),
      ),
    );
  const section = (d: ReturnType<typeof draftNote>, re: RegExp) => sectionOf(d, re).join(' ');

  it('writes how much the patient smokes, as said, in the social history', () => {
    const d = draftOf([
      "[patient] i'm just ready to quit smoking.",
      '[doctor] tell me about your history of smoking.',
      "[patient] i started in high school and now i'm up to a pack and a half a day.",
    ]);
    expect(section(d, /social/i)).toBe('Smokes a pack and a half per day.');
  });

  it('reads the site of "it hurts" from the sentence before, the mechanism asked for, and a confirmed allergy', () => {
    const d = draftOf([
      "[doctor] she's a 39-year-old female here for, what are you here for?",
      "[patient] it's my right upper arm. it hurts really, really bad.",
      '[doctor] and how did this happen?',
      '[patient] i was playing volleyball yesterday. and i fell and landed on my arm.',
      "[doctor] i have that you're allergic to augmentin, is that right?",
      "[patient] yes, that's correct.",
    ]);
    expect(section(d, /chief/i)).toBe('Right upper arm pain.');
    const hpi = section(d, /present illness/i);
    expect(hpi).toMatch(/playing volleyball/);
    expect(hpi).not.toMatch(/It's her right upper arm\./);
    expect(section(d, /allerg/i)).toMatch(/Augmentin/);
  });

  it('reports no symptom when the doctor opens a topic, and heads a repaired problem as status post', () => {
    const d = draftNote(
      parseTranscript(
        [
          "[doctor] let's talk a little bit about your migraines. how are you doing with those?",
          "[patient] they're fine, no issues.",
          '[doctor] and i know you had that rotator cuff repaired about 8 months ago.',
          '[patient] yes, it feels good.',
          '[doctor] okay, let me examine you. your lungs are clear.',
          "[doctor] for your third problem, your rotator cuff repair, i think you're doing really well with that. continue the exercises.",
        ].join('\n'),
      ),
    );
    const all = d.sections.flatMap((x) => x.sentences.map((y) => y.text)).join(' ');
    expect(all).not.toMatch(/Endorses [a-z ,]*headache/i);
    const ap = section(d, /assessment/i);
    expect(ap).toMatch(/Status post rotator cuff repair\./);
    expect(ap).not.toMatch(/Rotator cuff tear\./);
  });

  it('writes feeling sad as a depressed mood, not a diagnosis of depression', () => {
    const d = draftOf(["[patient] i'm a little sad to be in here, i think it's a lot of sadness lately."]);
    expect(section(d, /chief/i)).toBe('Depressed mood.');
  });

  it('lists the drugs the patient confirms, not one taken before, and starts none of them when exam and plan share a turn', () => {
    const filler = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? '[patient] it has been about the same.' : '[doctor] and how has your blood pressure been at home?',
    );
    const d = draftNote(
      parseTranscript(
        [
          '[doctor] what brings you in today?',
          '[patient] my blood pressure is still high.',
          ...filler,
          "[doctor] the form you filled out says that you are on 10 milligrams of norvasc daily and carvedilol 25 milligrams twice a day is those the medicines you're on",
          "[patient] yes i was also on lisinopril before but with the adjustments yeah those are the ones i'm on",
          "[doctor] okay so let me do a quick physical exam. your lungs are clear. for your hypertension i'm going to order a renal artery ultrasound and i want you to cut down on salt.",
          '[patient] okay.',
        ].join('\n'),
      ),
    );
    const text = (re: RegExp) => sectionOf(d, re).join(' ');
    expect(text(/medications/i)).toMatch(/Amlodipine 10 mg daily/);
    expect(text(/medications/i)).toMatch(/Carvedilol 25 mg twice a day/);
    expect(text(/medications/i)).not.toMatch(/Lisinopril/);
    expect(text(/assessment/i)).not.toMatch(/Start (?:norvasc|carvedilol)/i);
  });

  it('takes a yes to a closed question followed by an open one as the answer to the closed one', () => {
    const d = draftOf([
      '[doctor] it looks like you have a previous surgical history of a colectomy? what happened there?',
      '[patient] yes, i had some diverticulitis and they had to remove a little bit of my colon.',
    ]);
    expect(section(d, /surgical/i)).toMatch(/Colectomy/);
  });
});

describe('problem headings', () => {
  it('names the site and side of a bare injury word, and a tendinopathy is no tear', () => {
    const ap = (lines: string[]) =>
      draftNote(parseTranscript(lines.join('\n')))
        .sections.find((s) => /assessment/i.test(s.title))!
        .sentences.map((s) => s.text);
    expect(
      ap([
        '[patient] i fell and twisted my left ankle.',
        '[doctor] on exam there is swelling of the left ankle.',
        '[doctor] for your first problem of your left ankle pain, your symptoms are consistent with an ankle sprain of the lateral ligament complex. we will give you an air cast.',
      ]),
      // The structure the doctor named is the heading's specificity, with the joint and side it is of.
    ).toContain('Left ankle lateral ligament complex sprain.');
    expect(
      ap([
        '[patient] my left shoulder hurts when i reach up.',
        '[doctor] on exam there is tenderness of the left shoulder.',
        '[doctor] your pain is due to a rotator cuff tendinopathy. i will refer you to physical therapy.',
      ]).join(' '),
    ).not.toMatch(/rotator cuff tear/i);
  });
});

describe('a side corrected in the visit', () => {
  const visit = parseTranscript(
    [
      '[doctor] hi, so you have come in with some right knee pain.',
      "[patient] yeah, well, it's not the right knee, it's the left knee.",
      '[doctor] okay, how long has your left knee been hurting?',
      '[patient] about 2 weeks, since i fell.',
      '[doctor] let me examine you. on exam of the right knee there is tenderness over the medial joint line.',
      '[doctor] so for your left knee pain, i think you have a medial meniscus tear. we will order an mri of the left knee.',
    ].join('\n'),
  );

  it('is the corrected side everywhere in the draft, without copying the correction, and verifies', () => {
    const d = draftNote(visit);
    const all = d.sections.flatMap((s) => s.sentences);
    expect(sectionOf(d, /chief/i)).toEqual(['Left knee pain.']);
    expect(all.map((x) => x.text).join(' ')).not.toMatch(/right knee|not the/i);
    expect(sectionOf(d, /physical/i).join(' ')).toMatch(/left knee/i);
    expect(all.every((x) => x.supported)).toBe(true);
  });

  it('flags a note that keeps the side said before the correction', () => {
    const [r] = verifyNote(visit, 'Right knee pain.');
    expect(r!.supported).toBe(false);
    expect(r!.problems).toContainEqual(expect.objectContaining({ kind: 'side' }));
  });
});

describe('medication doses', () => {
  it('reads a dose said before the drug and a dose the drug was increased to', () => {
    const meds = sectionOf(
      draftOfLines([
        '[doctor] i see that you take 500 milligrams of metformin twice a day.',
        '[patient] yes.',
        '[doctor] and your lisinopril has also been increased up to 10 milligrams daily.',
        '[patient] that is right.',
      ]),
      /medications/i,
    );
    expect(meds).toContain('• Metformin 500 mg twice a day.');
    expect(meds.join(' ')).toMatch(/Lisinopril 10 mg daily/);
  });
});

describe('A&P conversation', () => {
  it('copies no reassurance or chat that names nothing clinical, and keeps the plan around it', () => {
    const ap = sectionOf(
      draftOfLines([
        '[patient] my right elbow hurts when i lift weights.',
        '[doctor] on exam there is tenderness over the medial epicondyle of the right elbow.',
        "[doctor] so for your first problem of elbow pain, i'm going to order an mri of the right elbow.",
        "[doctor] we've had some really good responses from other patients so hopefully, i mean, that should be a good solution for you.",
        '[patient] i am excited.',
      ]),
      /assessment/i,
    ).join(' ');
    expect(ap).toMatch(/mri/i);
    expect(ap).not.toMatch(/good solution|hopefully/i);
  });
});

describe('problem openers by diagnosis', () => {
  it('"for his second diagnosis, the reduced left ventricular dysfunction" heads its own problem block', () => {
    const d = draftOfLines([
      '[doctor] how are you feeling since the heart attack?',
      '[patient] better, i have been taking all my medicines.',
      '[doctor] good. for your first problem, your coronary artery disease, continue aspirin 81 mg daily.',
      '[patient] okay.',
      '[doctor] for your second diagnosis here, the newly reduced left ventricular dysfunction, we will start aldactone 12.5 mg daily and repeat the echocardiogram in 2 months.',
    ]);
    const ap = sectionOf(d, /ASSESSMENT/);
    expect(ap).toContain('Newly reduced left ventricular dysfunction.');
    const at = ap.indexOf('Newly reduced left ventricular dysfunction.');
    expect(ap.slice(at).join(' ')).toMatch(/Start Aldactone 12\.5 mg daily/);
  });
});

describe('current medications and the chief complaint, read from what was said', () => {
  it('a drug switched from, a lab value and a suggestion are not current medications', () => {
    const d = draftOfLines([
      '[doctor] how have you been doing with your heart failure?',
      '[patient] better. i take my lisinopril 10 mg every day.',
      '[doctor] good. we switched you from furosemide to torsemide 20 mg daily last month, right?',
      '[patient] yes.',
      '[doctor] your potassium is 3.9 today, which is fine.',
      '[patient] okay.',
      '[doctor] we often like to keep people with heart problems on magnesium, so i might recommend a supplement later.',
    ]);
    const meds = sectionOf(d, /MEDICATIONS/).join(' ');
    expect(meds).toMatch(/Lisinopril 10 mg/);
    expect(meds).toMatch(/Torsemide 20 mg/);
    expect(meds).not.toMatch(/furosemide|potassium|magnesium/i);
  });

  it('with no symptom named, the chief complaint is the first problem the doctor assessed, not "Not discussed"', () => {
    const d = draftOfLines([
      '[doctor] good morning. we are here to follow up on your blood pressure.',
      '[patient] yes, i have been checking it at home.',
      '[doctor] for your hypertension, continue lisinopril 10 mg daily and follow up in 3 months.',
    ]);
    const cc = sectionOf(d, /CHIEF COMPLAINT/);
    expect(cc).toEqual(['Hypertension.']);
  });

  it('patient instructions lose a hanging end ("… and cbc and a.")', () => {
    const d = draftOfLines(
      [
        '[doctor] how is your diabetes?',
        '[patient] fine.',
        '[doctor] okay. so for your diabetes i want to order a hemoglobin a1c and cbc and a',
        '[patient] okay.',
        '[doctor] follow up in a month.',
      ],
      'patient-instructions',
    );
    const all = d.sections.flatMap((s) => s.sentences.map((x) => x.text));
    expect(all).toContain('Get a blood test for your sugar average (A1c) and a blood count (CBC).');
  });
});

describe('plan statements under the problem they name', () => {
  it('an order about the knee said after the diabetes was opened goes under the knee problem', () => {
    const d = draftOfLines([
      '[patient] my right knee has been hurting since i twisted it.',
      '[doctor] for your first problem, your right knee sprain, i will give you a knee brace.',
      '[patient] okay.',
      '[doctor] for your second problem, your diabetes, continue metformin 500 mg twice a day. and i also want to order an x-ray of your right knee.',
    ]);
    const ap = sectionOf(d, /ASSESSMENT/);
    const knee = ap.findIndex((l) => /^Right knee sprain\.$/i.test(l));
    const diabetes = ap.findIndex((l) => /^Diabetes\.$/.test(l));
    const xray = ap.findIndex((l) => /x-ray/i.test(l));
    expect(knee).toBeGreaterThanOrEqual(0);
    expect(diabetes).toBeGreaterThan(knee);
    expect(xray).toBeGreaterThan(knee);
    expect(xray).toBeLessThan(diabetes);
    // Metformin stays under the diabetes.
    expect(ap.findIndex((l) => /metformin/i.test(l))).toBeGreaterThan(diabetes);
  });
});

describe('a hedged diagnosis heads its problem', () => {
  it('"i think you have may have a medial collateral ligament strain" → a possible strain heading', () => {
    const d = draftOfLines([
      '[patient] i twisted my right knee playing basketball.',
      "[doctor] so here's what i'm thinking for that right knee i think you have may have a medial collateral ligament strain from the twisting. i want you to use an ace wrap and i'm gonna give you a knee brace.",
    ]);
    expect(sectionOf(d, /ASSESSMENT/)[0]).toBe('Possible right knee medial collateral ligament strain.');
  });
});

describe('a stated diagnosis names its site', () => {
  it('"for that right knee … a medial collateral ligament strain" heads "right knee …", and the knee imaging goes under it', () => {
    const d = draftOfLines([
      '[patient] i twisted my right knee playing basketball. i also have diabetes.',
      '[doctor] okay. on exam, there is tenderness on the inside of your right knee.',
      '[patient] okay.',
      "[doctor] so for your assessment and plan, here's what i'm thinking for that right knee i think you have may have a medial collateral ligament strain. i'm gonna give you a knee brace.",
      '[patient] okay.',
      '[doctor] for your diabetes, continue metformin 500 mg twice a day. and if we need to we will go on to potentially ordering a cat scan or an mri of that knee.',
    ]);
    const ap = sectionOf(d, /ASSESSMENT/);
    expect(ap[0]).toBe('Possible right knee medial collateral ligament strain.');
    const diabetes = ap.indexOf('Diabetes.');
    const ct = ap.findIndex((l) => /Consider CT scan or an MRI/.test(l));
    expect(ct).toBeGreaterThan(0);
    expect(ct).toBeLessThan(diabetes);
    expect(ap.join(' ')).not.toMatch(/here's what|assessment and plan/i);
  });
});

describe('what we found, in plain words', () => {
  it('a countable diagnosis takes its article and a plain name is backed by the clinical one', () => {
    const d = draftOfLines(
      [
        '[patient] i hurt my finger and i also have afib.',
        '[doctor] on exam there is tenderness over the tip of your finger.',
        '[patient] okay.',
        '[doctor] so for your finger, your x-ray shows a fracture. for your atrial fibrillation, continue digoxin. follow up in 2 weeks.',
      ],
      'patient-instructions',
    );
    const found = d.sections.flatMap((s) => s.sentences);
    const texts = found.map((x) => x.text);
    expect(texts).toContain('You have an uneven heartbeat.');
    expect(found.find((x) => x.text === 'You have an uneven heartbeat.')!.supported).toBe(true);
    expect(texts.join(' ')).not.toMatch(/You have fracture\./);
  });
});

describe('the injury story from its questions', () => {
  it('answers to questions about the injury are history, and "how many days ago" "7" is the onset', () => {
    const d = draftOfLines([
      '[doctor] tell me a little bit about what happened',
      '[patient] i was playing basketball and someone ran into me and the inside of my knee hurts',
      '[doctor] okay did you fall to the ground or did you just kinda plant and he pushed',
      '[patient] i did fall to the ground',
      '[doctor] okay and have you had any fever',
      '[patient] no',
      '[doctor] okay now how many days ago was this exactly',
      '[patient] 7',
      '[doctor] okay on exam your right knee has some swelling.',
      '[patient] okay.',
      '[doctor] for your right knee sprain, use a brace.',
    ]);
    const hpi = sectionOf(d, /HISTORY OF PRESENT/);
    expect(hpi.join(' ')).toMatch(/fell to the ground/);
    expect(hpi).toContain('Onset 7 days ago.');
    // A bare "no" is its question's line, not a sentence of its own.
    expect(hpi.join(' ')).toMatch(/denies fever/i);
    expect(hpi.some((l) => /^No\b/.test(l))).toBe(false);
  });
});

describe('results said once', () => {
  it('a copied sentence about a test a labelled line states is dropped; one with a value stays', () => {
    const d = draftOfLines([
      '[doctor] how have you been feeling?',
      '[patient] pretty good, no chest pain.',
      '[doctor] okay. on exam your heart has a regular rhythm.',
      '[patient] okay.',
      "[doctor] so, let me just look at some of your results, okay? hey, dragon? show me the ekg. and, looking here at your ekg, everything, you know, looks fine. there's no evidence of any coronary artery disease. it's a nice, normal ekg, which is good. your creatinine is 0.9.",
      '[patient] good.',
      '[doctor] for your hypertension, continue lisinopril 10 mg daily.',
    ]);
    const results = sectionOf(d, /RESULTS/);
    const ekg = results.filter((l) => /\bekg\b/i.test(l));
    expect(ekg.length).toBe(1);
    expect(ekg[0]).toMatch(/^EKG: /);
    expect(results.join(' ')).toMatch(/0\.9/);
  });
});

describe('answers that begin with "no"', () => {
  it('keeps the clause after a "no" and drops a "no" that names nothing', () => {
    const d = draftOfLines([
      '[doctor] have you tried anything for the rash?',
      '[patient] no, i have never tried anything for it.',
      '[doctor] does anyone at home have it?',
      '[patient] no nobody said anything like that.',
      '[doctor] on exam there is a red rash on your left forearm.',
      '[patient] okay.',
      '[doctor] for your eczema, start a steroid cream twice a day.',
    ]);
    const hpi = sectionOf(d, /HISTORY OF PRESENT/).join(' ');
    expect(hpi).toMatch(/never tried anything for it/);
    expect(hpi).not.toMatch(/\bNo\b/);
    expect(hpi).not.toMatch(/nobody/);
  });

  it('with only problems to go on, the chief complaint is the new one, not the chronic one followed alongside', () => {
    const d = draftOfLines([
      '[doctor] good morning. how have you been?',
      '[patient] okay, i have been checking my sugars at home.',
      '[doctor] for your diabetes, continue metformin 500 mg twice a day.',
      '[patient] okay.',
      '[doctor] and for your gout, start colchicine 0.6 mg daily.',
    ]);
    expect(sectionOf(d, /CHIEF COMPLAINT/)).toEqual(['Gout.']);
  });
});

describe('a bare injury heading names the part the visit is about', () => {
  it('"Fracture." in a visit about the right wrist is "Right wrist fracture."', () => {
    const d = draftOfLines([
      '[doctor] what happened?',
      '[patient] i fell and now my right wrist hurts a lot.',
      '[doctor] on exam there is tenderness and swelling.',
      '[patient] okay.',
      '[doctor] so your x-ray shows a fracture. for the fracture, we will put you in a splint.',
    ]);
    expect(sectionOf(d, /ASSESSMENT/)[0]).toBe('Right wrist fracture.');
  });
});

describe('warning signs in the instructions', () => {
  it("the doctor's own warning sign is the instruction, a vague one leaves the general warning", () => {
    const pi = (line: string) =>
      draftOfLines(
        [
          '[patient] my legs have been swelling.',
          '[doctor] on exam you have some swelling in both legs.',
          '[patient] okay.',
          `[doctor] for your heart failure, continue lasix 40 mg daily. ${line}`,
        ],
        'patient-instructions',
      ).note;
    expect(pi('call me if you gain 3 pounds in 2 days.')).toMatch(/Call us if you gain 3 pounds in 2 days\./);
    expect(pi('call me if you have any issues.')).toMatch(/Call us if you get worse or if you have new problems\./);
  });
});

describe('referrals in the instructions', () => {
  it('say where the patient is sent, in plain words', () => {
    const pi = (said: string) =>
      draftOfLines(
        [
          '[patient] i have blood in my urine.',
          '[doctor] on exam your belly is soft.',
          '[patient] okay.',
          `[doctor] for your hematuria, ${said}`,
        ],
        'patient-instructions',
      ).note;
    expect(pi('i will refer you to a urologist.')).toMatch(
      /We are sending you to a urinary tract doctor \(urologist\)\./,
    );
    expect(pi('i will refer you to ent.')).toMatch(/We are sending you to ENT\./);
    expect(pi('i will refer you to a urologist.')).not.toMatch(/we are sending you\./);
  });
});

describe('why you came, said to the patient', () => {
  it('speaks to the patient, with its article and acronyms as written', () => {
    const pi = draftOfLines(
      [
        '[doctor] so mr. lee is a 62-year-old male who presents for follow-up of his chronic problems. how are you?',
        '[patient] good.',
        '[doctor] on exam your heart is regular.',
        '[patient] okay.',
        '[doctor] for your hypertension, continue lisinopril 10 mg daily.',
      ],
      'patient-instructions',
    ).note;
    expect(pi).not.toMatch(/\bhis\b/);
    expect(pi).toMatch(/You came in for follow-up of your chronic problems\./);
  });
});

describe('a fracture found on the x-ray before the exam', () => {
  const lines = [
    '[doctor] hi, what brings you in today?',
    '[patient] i fell playing volleyball and landed on my right arm.',
    '[doctor] how bad is the pain?',
    "[patient] it's like a nine.",
    '[doctor] any numbness or tingling?',
    '[patient] no.',
    "[doctor] all right. let's look at your x-ray.",
    '[doctor] so this is looking at your right arm, and what i see is a proximal humerus fracture.',
    '[patient] okay.',
    "[doctor] so your exam is generally normal. you've got tenderness over your right shoulder.",
    '[patient] okay.',
    "[doctor] so what we're going to do is put you in a long arm cast and a sling, and we're gonna check you in two weeks.",
    '[patient] all right.',
    "[doctor] i'm going to prescribe you some pain medicine, lortab 5 mg every 6 hours as needed for pain.",
  ];
  it('heads the assessment with the diagnosis the doctor read off the film, and keeps the cast in the plan', () => {
    const d = draftOfLines(lines);
    const ap = sectionOf(d, /assessment/i).join('\n');
    expect(ap).toMatch(/^Proximal humerus fracture\./);
    expect(ap).toMatch(/long arm cast/);
    expect(sectionOf(d, /exam/i).join('\n')).not.toMatch(/cast/);
  });
});

describe('A&P talk that restates nothing', () => {
  const d = draftOfLines([
    '[doctor] what brings you in today?',
    '[patient] my right knee has been hurting for two weeks.',
    '[doctor] on exam there is tenderness over the medial knee.',
    '[patient] okay.',
    "[doctor] for your knee pain, i think you have a medial meniscus tear. i'm going to order an mri of your right knee.",
    '[doctor] start ibuprofen 600 mg three times a day with food.',
    "[doctor] and i hope things feel better, and we'll see you back here in 3 months after the mri.",
    "[doctor] if it's not getting better come on back and see me.",
    '[doctor] have a good rest of your day and give us a call if you need anything else.',
  ]);
  const ap = sectionOf(d, /ASSESSMENT/).join('\n');
  it('drops a spoken line that names nothing the A&P does not already state', () => {
    expect(ap).not.toMatch(/rest of their day/);
    expect(ap).not.toMatch(/hope things feel better/);
  });
  it('keeps when to come back, the follow-up said "back here in", and a dose taken with food', () => {
    expect(ap).toMatch(/not getting better return to clinic\./);
    expect(ap).toMatch(/Follow up in 3 months\./);
    expect(ap).toMatch(/Start ibuprofen 600 mg 3 times a day with food\./);
  });
});

describe('a side repaired as it is said', () => {
  it('"left leg pain. right leg pain" is the right leg everywhere; a list of both sides the patient names is not', () => {
    const d = draftOfLines([
      '[patient] i hurt the top part of my right leg here.',
      "[doctor] she's a 43-year-old patient. she's here for left leg pain. right leg pain, right leg pain?",
      '[patient] yes.',
      '[doctor] on exam there is tenderness of the thigh.',
    ]);
    expect(d.note).not.toMatch(/left leg/i);
    expect(d.note).toMatch(/right leg pain/i);
    const both = draftOfLines([
      '[doctor] any left knee pain, right knee pain?',
      '[patient] my left knee hurts and my right knee hurts too.',
      '[doctor] on exam there is tenderness of both knees.',
    ]);
    expect(both.note).toMatch(/left knee/i);
  });
});

describe('results and exam: short polarity results and organ enlargement', () => {
  it('writes a test shown to the assistant and said positive in a few words as "Rapid strep: positive."', () => {
    const d = draftOfLines([
      '[doctor] how are you feeling?',
      '[patient] my throat is sore and i have a fever.',
      '[doctor] okay, let me examine you. your lungs are clear.',
      '[doctor] hey dragon, show me the rapid strep. and you also have, uh, positive for strep.',
      '[doctor] so my impression is strep throat, and we will treat you with amoxicillin 500 milligrams three times a day.',
      '[patient] okay.',
    ]);
    expect(sectionOf(d, /results/i)).toContain('Rapid strep: positive.');
  });

  it('writes an enlarged thyroid as thyromegaly, without the maneuver that found it', () => {
    const d = draftOfLines([
      '[doctor] how are your sugars?',
      '[patient] they have been high.',
      "[doctor] let's do a quick physical exam. so, feeling your neck, i do feel like your thyroid's a bit enlarged here.",
      '[doctor] your heart is nice and regular.',
      '[patient] okay.',
    ]);
    const exam = sectionOf(d, /physical exam/i).join('\n');
    expect(exam).toMatch(/Neck: Mild thyromegaly\./);
    expect(exam).not.toMatch(/Feeling/i);
  });
});

describe('abbreviations as clinicians write them', () => {
  it('writes COPD, MRI and A1c in capitals, and "er" only as a place', () => {
    const d = draftOfLines([
      '[patient] i have been short of breath for a month.',
      '[doctor] on exam there is wheezing in both lungs.',
      '[patient] okay.',
      "[doctor] for your copd, i'm going to order an mri of your chest and a hemoglobin a1c. if it gets worse go to the er.",
    ]);
    expect(d.note).toMatch(/COPD/);
    expect(d.note).toMatch(/MRI/);
    expect(d.note).toMatch(/A1c/);
    expect(d.note).not.toMatch(/\bcopd\b|\bmri\b/);
    expect(d.note).not.toMatch(/\bED\b/);
  });
});
