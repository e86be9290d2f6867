import { describe, expect, it } from 'vitest';
import { draftNote, extractFacts, parseTranscript } from '../../../core/clinical/index.js';

const visit = (lines: string[]) => parseTranscript(lines.join('\n'));
const symptoms = (lines: string[]) =>
  extractFacts(visit(lines)).symptoms.map((s) => `${s.name}:${s.assertion}:${s.system}`);
const section = (note: string, heading: string) => note.split(`${heading}\n`)[1]?.split(/\n\n/)[0] ?? '';

describe('specific symptoms and pertinent negatives', () => {
  it('keeps the specific symptom of each question answered no, not a general one', () => {
    const lines = [
      '[doctor] hi , how are you doing ?',
      "[patient] i've been really tired and dizzy for a couple of months .",
      '[doctor] any shortness of breath or problems lying flat at night ?',
      '[patient] no , nothing like that .',
      '[doctor] have you noticed any blood in your stools ?',
      "[patient] no , i have n't .",
      '[doctor] do your stools look dark or tarry or black or anything like that ?',
      '[patient] no , nothing like that .',
      '[doctor] and any heavy menstrual bleeding or anything like that ?',
      "[patient] no , not that i've noticed .",
      '[doctor] okay . let me examine you . your lungs are clear .',
      "[doctor] your hemoglobin is low , so i'll order an anemia profile and refer you to gastroenterology .",
    ];
    const found = symptoms(lines);
    expect(found).toContain('blood in stool:absent:Gastrointestinal');
    expect(found).toContain('melena:absent:Gastrointestinal');
    expect(found).toContain('menorrhagia:absent:Genitourinary');
    expect(found).toContain('orthopnea:absent:Respiratory');
    expect(found).toContain('shortness of breath:absent:Respiratory');
    expect(found.some((s) => s.startsWith('bleeding:'))).toBe(false);
    const ros = section(draftNote(visit(lines)).note, 'REVIEW OF SYSTEMS');
    expect(ros).toMatch(/Denies blood in stool or melena\./);
    expect(ros).toMatch(/Denies shortness of breath or orthopnea\./);
  });

  it('does not write a denied symptom as past medical history', () => {
    const lines = [
      '[doctor] hi , how are you doing ?',
      "[patient] i've been really tired lately .",
      '[doctor] in terms of the kidney stones , have you had any back pain , flank pain , anything like that ?',
      '[patient] no , nothing like that .',
    ];
    const facts = extractFacts(visit(lines));
    expect(facts.history.filter((h) => h.name === 'back pain')).toEqual([]);
    expect(facts.symptoms.map((s) => `${s.name}:${s.assertion}`)).toContain('back pain:absent');
    expect(draftNote(visit(lines)).note).not.toMatch(/No history of back pain/);
  });

  it('files pain on swallowing felt in the chest as odynophagia under GI, not chest pain', () => {
    const found = symptoms([
      '[doctor] what brings you in today ?',
      "[patient] it's been hard for me to swallow certain foods and i also have pain when i swallow down in my chest .",
      '[doctor] okay .',
    ]);
    expect(found).toContain('painful swallowing:present:Gastrointestinal');
    expect(found.some((s) => s.startsWith('chest pain:'))).toBe(false);
  });

  it('reads "right hand side" as a side and the place a pain radiates to as no site of its own', () => {
    const found = symptoms([
      '[doctor] what brings you in today ?',
      '[patient] i developed this real sudden onset of pain in my right back .',
      '[doctor] okay so you said you had the pain on the right hand side does it move anywhere or radiate',
      '[patient] well when i had it it radiated almost down to my groin',
      "[patient] not the whole way down but almost to the groin and since then i have n't had any more pain",
    ]);
    expect(found).toContain('back pain:present:Musculoskeletal');
    expect(found.some((s) => s.startsWith('hand pain:'))).toBe(false);
    expect(found.some((s) => s.startsWith('groin pain:'))).toBe(false);
  });
});
