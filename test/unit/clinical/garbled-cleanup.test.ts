/**
 * Mechanical defects speech clean-up left in drafts: broken contractions ("I'I'm"), cut words before a pause or a
 * filler, "'cause", a restarted determiner ("some an"), names and brands in lower case, spelled-out letters.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { splitSentences } from '../../../core/clinical/discourse.js';
import { cleanSpoken, finishSentence } from '../../../core/clinical/rewrite.js';

describe('speech clean-up: cut words and restarts', () => {
  it('drops a contraction cut off and said again', () => {
    expect(cleanSpoken("and i'm- i'm just worried because i'm almost 40 .")).toBe(
      "i'm just worried because i'm almost 40 .",
    );
  });

  it('drops a long word cut off and said again, also across a comma, a filler or a pause', () => {
    expect(cleanSpoken('you had some mild diverticuli- diverticulosis .')).toBe('you had some mild diverticulosis .');
    expect(cleanSpoken('the oper- , occupational therapy says .')).toBe('the occupational therapy says .');
    expect(cleanSpoken('i get a little bit of a de- , uh , swelling in my ankles .')).toBe(
      'i get a little bit of a swelling in my ankles .',
    );
    expect(cleanSpoken('um , ep- ... just an epipen .')).toBe('just an epipen .');
  });

  it('keeps a hyphen joining two words ("pre- and post-operative") and drops "and- and"', () => {
    expect(cleanSpoken('check pre- and post-operative films')).toBe('check pre- and post-operative films');
    expect(cleanSpoken('some erythema and- and an insect bite')).toBe('some erythema and an insect bite');
  });

  it('writes "\'cause" as "because", and drops it where it only opens a sentence', () => {
    expect(cleanSpoken("my asthma's been acting up 'cause we had a bad pollen season")).toBe(
      "my asthma's been acting up because we had a bad pollen season",
    );
    expect(cleanSpoken("'cause i might need to give you more diuretic .")).toBe(
      'i might need to give you more diuretic .',
    );
  });

  it('drops a determiner restarted as another, not a spelled letter or a quantity', () => {
    expect(cleanSpoken('i have actually seen some , um , an increase in abnormal paps')).toBe(
      'i have actually seen an increase in abnormal paps',
    );
    expect(cleanSpoken('we did the a c l repair')).toBe('we did the a c l repair');
    expect(cleanSpoken('i had some a few times')).toBe('i had some a few times');
  });

  it('writes spelled-out capital letters as the abbreviation, not a spelled unit', () => {
    expect(cleanSpoken('They had an A C L reconstruction and a C T scan.')).toBe(
      'They had an ACL reconstruction and a CT scan.',
    );
    expect(cleanSpoken('It will be 400 M G tablets.')).toBe('It will be 400 M G tablets.');
  });
});

describe('note casing: titles, names and brands', () => {
  it('capitalises a title and the name after it', () => {
    expect(finishSentence('dr. ward did put me on montelukast')).toBe('Dr. Ward did put me on montelukast.');
    expect(finishSentence('so for mr . gutierrez , put that down')).toBe('So for Mr. Gutierrez, put that down.');
  });

  it('does not split a sentence at a title spaced by ASR', () => {
    expect(splitSentences('so for mr . gutierrez , just put that he has tenosynovitis .')).toHaveLength(1);
  });

  it('writes a brand name the medication lexicon knows with its capital', () => {
    const note = draftNote(
      parseTranscript(
        [
          '[doctor] how is your asthma doing?',
          "[patient] it's been bad. dr. ward did put me on singulair and it has helped my asthma a lot.",
          '[doctor] okay. for your asthma, continue singulair 10 mg daily.',
        ].join('\n'),
      ),
    ).note;
    expect(note).toMatch(/\bSingulair\b/);
    expect(note).not.toMatch(/\bsingulair\b/);
  });
});
