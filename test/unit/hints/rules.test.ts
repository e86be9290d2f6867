import { describe, expect, it } from 'vitest';
import { hintsFor, ofKind, visit } from './helpers.js';

describe('drug interactions', () => {
  it('flags warfarin + a new NSAID with both turns as evidence', () => {
    const h = ofKind(
      hintsFor(
        visit(
          'D: what medicines do you take?',
          'P: i take warfarin 5 mg daily.',
          'D: for the knee i will prescribe ibuprofen 600 mg three times a day.',
        ),
      ),
      'drug-interaction',
    );
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ severity: 'warning', drugs: ['ibuprofen', 'warfarin'], evidence: [1, 2] });
    expect(h[0]!.source).toMatch(/Coumadin/);
    expect(h[0]!.basis).toMatch(/Consider/);
  });

  it('recognises brands and spoken variants', () => {
    const h = ofKind(
      hintsFor(visit('P: i take coumadin every night.', 'D: okay, and you can use advil for the pain.')),
      'drug-interaction',
    );
    expect(h.map((x) => x.drugs)).toEqual([['ibuprofen', 'warfarin']]);
  });

  it('ignores a drug the patient stopped', () => {
    const t = visit('P: she stopped the warfarin last year.', 'D: okay, take ibuprofen for the pain.');
    expect(ofKind(hintsFor(t), 'drug-interaction')).toEqual([]);
  });

  it("ignores a relative's medication", () => {
    const t = visit('P: my mother takes warfarin for her heart.', 'D: you can take ibuprofen for the sprain.');
    expect(ofKind(hintsFor(t), 'drug-interaction')).toEqual([]);
  });

  it('ignores a drug denied in answer to a question, and counts one confirmed', () => {
    const no = visit('D: are you on any blood thinners like warfarin?', 'P: no.', 'D: then take naproxen twice a day.');
    expect(ofKind(hintsFor(no), 'drug-interaction')).toEqual([]);
    const yes = visit(
      'D: are you on any blood thinners like warfarin?',
      'P: yes, every day.',
      'D: then take naproxen twice a day.',
    );
    const h = ofKind(hintsFor(yes), 'drug-interaction');
    expect(h).toHaveLength(1);
    expect(h[0]!.evidence).toEqual([0, 1, 2]);
  });

  it('ignores advice to avoid a drug and negated mentions', () => {
    const t = visit(
      'P: i take eliquis twice a day.',
      'D: please avoid ibuprofen and aleve, use tylenol instead.',
      "P: i don't take aspirin.",
    );
    expect(ofKind(hintsFor(t), 'drug-interaction')).toEqual([]);
  });

  it('handles a switch: stopping one drug and starting another', () => {
    const t = visit(
      'P: i take lisinopril 20 mg.',
      "D: we'll stop the lisinopril and start losartan 50 mg daily, and keep the spironolactone.",
    );
    const h = ofKind(hintsFor(t), 'drug-interaction');
    expect(h.map((x) => x.drugs)).toEqual([['losartan', 'spironolactone']]);
    expect(h.some((x) => x.drugs?.includes('lisinopril'))).toBe(false);
  });

  it('covers the classic pairs from the issue', () => {
    const cases: Array<[string, string, string]> = [
      ['lisinopril', 'spironolactone', 'warning'],
      ['sertraline', 'phenelzine', 'critical'],
      ['sertraline', 'tramadol', 'warning'],
      ['citalopram', 'azithromycin', 'warning'],
      ['simvastatin', 'clarithromycin', 'critical'],
      ['methotrexate', 'bactrim', 'critical'],
      ['isosorbide mononitrate', 'sildenafil', 'critical'],
      ['lithium', 'ibuprofen', 'warning'],
      ['lithium', 'hydrochlorothiazide', 'warning'],
      ['oxycodone', 'alprazolam', 'critical'],
      ['clopidogrel', 'omeprazole', 'warning'],
    ];
    for (const [a, b, sev] of cases) {
      const h = ofKind(
        hintsFor(visit(`P: i take ${a} every day.`, `D: i am going to start ${b}.`)),
        'drug-interaction',
      );
      expect(h.length, `${a} + ${b}`).toBe(1);
      expect(h[0]!.severity, `${a} + ${b}`).toBe(sev);
    }
  });

  it('applies dose conditions: simvastatin + amlodipine only above 20 mg', () => {
    const low = visit('P: i take simvastatin 20 mg daily and amlodipine 5 mg.');
    expect(ofKind(hintsFor(low), 'drug-interaction')).toEqual([]);
    const high = ofKind(hintsFor(visit('P: i take simvastatin 40 mg daily and amlodipine 5 mg.')), 'drug-interaction');
    expect(high).toHaveLength(1);
    const unknown = ofKind(hintsFor(visit('P: i take simvastatin and amlodipine.')), 'drug-interaction');
    expect(unknown[0]?.severity).toBe('info');
    expect(unknown[0]?.basis).toMatch(/dose was not stated/);
  });

  it('uses medications from the patient context, and context can resolve the concern', () => {
    const t = visit('D: i will prescribe ibuprofen for the pain.');
    const h = ofKind(hintsFor(t, { medications: ['warfarin'] }), 'drug-interaction');
    expect(h).toHaveLength(1);
    expect(h[0]!.basis).toMatch(/medication list in the record/);
    expect(h[0]!.evidence).toEqual([0]);
    expect(ofKind(hintsFor(t, { medications: [{ name: 'warfarin', status: 'stopped' }] }), 'drug-interaction')).toEqual(
      [],
    );
  });
});

describe('allergy conflicts', () => {
  it('flags a penicillin for a penicillin-allergic patient (critical)', () => {
    const t = visit(
      'D: any allergies?',
      'P: penicillin, i get hives.',
      'D: i will start amoxicillin 500 mg three times a day.',
    );
    const h = ofKind(hintsFor(t), 'allergy-conflict');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ severity: 'critical', drugs: ['amoxicillin'], evidence: [0, 1, 2] });
  });

  it('grades cephalosporins by side chain: cephalexin warning, ceftriaxone info', () => {
    const a = ofKind(
      hintsFor(visit("P: i'm allergic to penicillin.", "D: i'll prescribe keflex.")),
      'allergy-conflict',
    );
    expect(a[0]?.severity).toBe('warning');
    const b = ofKind(
      hintsFor(visit("P: i'm allergic to penicillin.", "D: we'll give ceftriaxone.")),
      'allergy-conflict',
    );
    expect(b[0]?.severity).toBe('info');
  });

  it('does not flag with no known allergies, a negated allergy, or a relative', () => {
    for (const first of [
      'P: no known drug allergies.',
      "P: i'm not allergic to penicillin.",
      'P: my son is allergic to penicillin.',
    ]) {
      expect(ofKind(hintsFor(visit(first, "D: i'll start amoxicillin.")), 'allergy-conflict'), first).toEqual([]);
    }
  });

  it('does not cross-react sulfa antibiotics with furosemide, but flags Bactrim', () => {
    expect(
      ofKind(hintsFor(visit("P: i'm allergic to sulfa.", "D: we'll start furosemide 20 mg.")), 'allergy-conflict'),
    ).toEqual([]);
    expect(
      ofKind(hintsFor(visit("P: i'm allergic to sulfa.", "D: i'll prescribe bactrim.")), 'allergy-conflict')[0]
        ?.severity,
    ).toBe('critical');
  });

  it('uses context allergies, and a refuted allergy in the record resolves the concern', () => {
    const t = visit("D: i'll prescribe amoxicillin.");
    const h = ofKind(hintsFor(t, { allergies: ['penicillin'] }), 'allergy-conflict');
    expect(h[0]?.basis).toMatch(/allergy list in the record/);
    const r = hintsFor(visit("P: i'm allergic to penicillin.", "D: i'll prescribe amoxicillin."), {
      allergies: [{ substance: 'penicillin', status: 'refuted' }],
    });
    expect(ofKind(r, 'allergy-conflict')).toEqual([]);
  });

  it('does not flag a drug the patient tolerated before', () => {
    const t = visit(
      "P: i'm allergic to penicillin, but i took cephalexin before without problems.",
      "D: i'll prescribe cephalexin.",
    );
    expect(ofKind(hintsFor(t), 'allergy-conflict')).toEqual([]);
  });

  it('flags a contrast study ordered for a contrast-allergic patient', () => {
    const t = visit(
      'P: i had an allergic reaction to contrast dye once.',
      "D: i'm going to order a ct scan with contrast.",
    );
    expect(ofKind(hintsFor(t), 'allergy-conflict')[0]?.evidence).toEqual([0, 1]);
  });
});

describe('abnormal vitals', () => {
  it('flags severe blood pressure, low oxygen, fast heart rate and fever', () => {
    const t = visit(
      'D: your blood pressure is 190/125 today, heart rate 128, oxygen saturation 89%, temperature 101.5.',
    );
    const h = ofKind(hintsFor(t), 'abnormal-vital');
    const titles = h.map((x) => x.title).join(' | ');
    expect(titles).toMatch(/Severely elevated blood pressure: 190\/125/);
    expect(titles).toMatch(/Low oxygen saturation: 89 %/);
    expect(titles).toMatch(/Fast heart rate/);
    expect(titles).toMatch(/Fever: 38.6 °C/);
    expect(h.find((x) => /blood pressure/.test(x.title))?.severity).toBe('critical');
  });

  it('grades SpO2 below 88 as critical and leaves normal readings alone', () => {
    expect(ofKind(hintsFor(visit('D: oxygen saturation is 86 percent.')), 'abnormal-vital')[0]?.severity).toBe(
      'critical',
    );
    expect(
      ofKind(hintsFor(visit('D: blood pressure 150/95, pulse 88, temperature 99.1, oxygen 97%.')), 'abnormal-vital'),
    ).toEqual([]);
  });

  it('ignores past readings and uses the latest recheck', () => {
    expect(ofKind(hintsFor(visit('D: last visit your blood pressure was 190/120.')), 'abnormal-vital')).toEqual([]);
    const t = visit('D: blood pressure is 184/104.', 'D: on recheck your blood pressure is 150/90.');
    expect(ofKind(hintsFor(t), 'abnormal-vital')).toEqual([]);
  });
});

describe('renal dosing', () => {
  it('flags metformin at an eGFR below 30 from the record (critical)', () => {
    const h = ofKind(hintsFor(visit('P: i take metformin 500 mg twice a day.'), { labs: { egfr: 25 } }), 'renal-dose');
    expect(h[0]).toMatchObject({ severity: 'critical', drugs: ['metformin'], evidence: [0] });
    expect(h[0]!.basis).toMatch(/eGFR 25 \(labs in the record\)/);
  });

  it('does not flag above the threshold', () => {
    expect(
      ofKind(hintsFor(visit('P: i take metformin 500 mg twice a day.'), { labs: { egfr: 62 } }), 'renal-dose'),
    ).toEqual([]);
  });

  it('compares gabapentin daily dose with the band for the CrCl', () => {
    const high = visit('D: continue gabapentin 300 mg three times a day.', 'D: your creatinine clearance is 25.');
    expect(ofKind(hintsFor(high), 'renal-dose')[0]?.severity).toBe('warning');
    const ok = visit('D: continue gabapentin 100 mg three times a day.', 'D: your creatinine clearance is 25.');
    expect(ofKind(hintsFor(ok), 'renal-dose')).toEqual([]);
    const unknown = visit('D: continue the gabapentin.', 'D: your creatinine clearance is 25.');
    expect(ofKind(hintsFor(unknown), 'renal-dose')[0]?.severity).toBe('info');
  });

  it('reads eGFR from the transcript', () => {
    const h = ofKind(hintsFor(visit('D: your gfr is 28 now.', 'P: i still take naproxen most days.')), 'renal-dose');
    expect(h[0]).toMatchObject({ drugs: ['naproxen'], evidence: [0, 1] });
  });
});

describe('dose range and duplicate therapy', () => {
  it('flags a single dose above the maximum, not a usual dose', () => {
    expect(ofKind(hintsFor(visit('D: take ibuprofen 1200 mg as needed.')), 'dose-range')).toHaveLength(1);
    expect(ofKind(hintsFor(visit('D: take ibuprofen 800 mg three times a day.')), 'dose-range')).toEqual([]);
    expect(ofKind(hintsFor(visit('D: take acetaminophen 1000 mg four times a day.')), 'dose-range')).toEqual([]);
  });

  it('flags daily methotrexate but not weekly', () => {
    expect(ofKind(hintsFor(visit('D: start methotrexate 15 mg daily.')), 'dose-range')).toHaveLength(1);
    expect(ofKind(hintsFor(visit('D: start methotrexate 15 mg once a week.')), 'dose-range')).toEqual([]);
  });

  it('flags two SSRIs but not a switch between them', () => {
    expect(
      ofKind(hintsFor(visit('P: i take sertraline.', "D: i'll add fluoxetine 20 mg.")), 'duplicate-therapy'),
    ).toHaveLength(1);
    const sw = visit('P: i take sertraline.', "D: we'll switch you from sertraline to fluoxetine 20 mg.");
    expect(ofKind(hintsFor(sw), 'duplicate-therapy')).toEqual([]);
  });

  it('flags two acetaminophen-containing products', () => {
    const h = ofKind(
      hintsFor(visit('P: i take tylenol for my back.', "D: i'll prescribe percocet for a few days.")),
      'duplicate-therapy',
    );
    expect(h[0]?.drugs).toEqual(['acetaminophen', 'oxycodone-acetaminophen']);
  });
});

describe('red flags', () => {
  it('flags a thunderclap headache', () => {
    const h = ofKind(hintsFor(visit("P: it's the worst headache of my life, it came on all of a sudden.")), 'red-flag');
    expect(h[0]).toMatchObject({ severity: 'critical', evidence: [0], codes: ['R51.9'] });
  });

  it('ignores conditional advice, negation and relatives', () => {
    for (const t of [
      visit('D: if you ever get the worst headache of your life, go to the emergency room.'),
      visit('P: no, nothing like the worst headache of my life.'),
      visit('P: my mother had a stroke, her face was drooping.'),
    ])
      expect(ofKind(hintsFor(t), 'red-flag'), t).toEqual([]);
  });

  it('uses the answer to a screening question', () => {
    const no = visit('D: any thoughts of hurting yourself or suicide?', 'P: no, never.');
    expect(ofKind(hintsFor(no), 'red-flag')).toEqual([]);
    const yes = visit('D: any thoughts of hurting yourself or suicide?', 'P: yes, sometimes at night.');
    expect(ofKind(hintsFor(yes), 'red-flag')[0]).toMatchObject({ severity: 'critical', evidence: [0, 1] });
  });

  it('needs the companion finding for combined flags', () => {
    expect(ofKind(hintsFor(visit('P: i get chest pain when i walk up the stairs.')), 'red-flag')[0]?.title).toMatch(
      /exertion/,
    );
    expect(ofKind(hintsFor(visit('P: i have chest pain when i press on my ribs.')), 'red-flag')).toEqual([]);
    const ce = visit(
      'P: my back pain is bad and now i have numbness in my groin.',
      "P: and i can't control my bladder.",
    );
    expect(ofKind(hintsFor(ce), 'red-flag').map((x) => x.title)).toContain('Possible cauda equina syndrome');
    expect(
      ofKind(hintsFor(visit("P: i'm 8 weeks pregnant and i've had some bleeding.")), 'red-flag')[0]?.title,
    ).toMatch(/pregnancy/);
    expect(ofKind(hintsFor(visit("P: i'm 8 weeks pregnant, no bleeding at all.")), 'red-flag')).toEqual([]);
  });
});

describe('documentation gaps', () => {
  it('flags chest pain without an ECG, not when an ECG is mentioned or pain is denied', () => {
    expect(
      ofKind(hintsFor(visit('P: i have had chest pain since yesterday.')), 'missing-documentation')[0]?.title,
    ).toMatch(/ECG/);
    expect(
      ofKind(
        hintsFor(visit('P: i have had chest pain since yesterday.', "D: let's get an ekg.")),
        'missing-documentation',
      ),
    ).toEqual([]);
    expect(ofKind(hintsFor(visit('D: any chest pain?', 'P: no.')), 'missing-documentation')).toEqual([]);
  });

  it('flags an antibiotic without allergy status, resolved by NKDA or context', () => {
    const t = visit("D: i'll start doxycycline 100 mg twice a day.");
    expect(ofKind(hintsFor(t), 'missing-documentation')[0]?.title).toMatch(/allergy status/);
    expect(
      ofKind(hintsFor(visit('P: no known drug allergies.', "D: i'll start doxycycline.")), 'missing-documentation'),
    ).toEqual([]);
    expect(ofKind(hintsFor(t, { allergies: [] }), 'missing-documentation')).toEqual([]);
  });

  it('flags an opioid without a pain or function assessment', () => {
    const h = ofKind(
      hintsFor(visit('P: no known drug allergies.', "D: i'll prescribe oxycodone 5 mg.")),
      'missing-documentation',
    );
    expect(h[0]?.title).toMatch(/Opioid/);
    const ok = visit('D: on a scale of 1 to 10 how bad is it?', 'P: an 8.', "D: i'll prescribe oxycodone 5 mg.");
    expect(ofKind(hintsFor(ok), 'missing-documentation')).toEqual([]);
  });

  it('flags a new diabetes diagnosis without an A1c', () => {
    expect(
      ofKind(hintsFor(visit('D: you have been newly diagnosed with type 2 diabetes.')), 'missing-documentation'),
    ).toHaveLength(1);
    expect(
      ofKind(
        hintsFor(visit('D: your a1c is 7.2, so you have been newly diagnosed with type 2 diabetes.')),
        'missing-documentation',
      ),
    ).toEqual([]);
  });
});

describe('diagnosis codes', () => {
  it('codes stated problems, preferring the specific term', () => {
    const t = visit(
      'P: hi.',
      'P: okay.',
      'D: so for your right knee pain, ice and rest.',
      'D: and your hypertension is well controlled.',
    );
    const codes = ofKind(hintsFor(t), 'diagnosis-code').flatMap((h) => h.codes);
    expect(codes).toContain('M25.561');
    expect(codes).not.toContain('M25.569');
    expect(codes).toContain('I10');
  });

  it('does not code a negated problem', () => {
    const t = visit('P: hi.', 'P: okay.', 'D: you do not have diabetes.');
    expect(ofKind(hintsFor(t), 'diagnosis-code').flatMap((h) => h.codes)).not.toContain('E11.9');
  });
});

describe('every hint', () => {
  it('has evidence or a context basis, advisory wording, a source and a unique id; sorted by severity', () => {
    const t = visit(
      'D: any allergies?',
      'P: penicillin.',
      'P: i take warfarin and lisinopril.',
      'D: blood pressure is 186/110.',
      "D: i'll prescribe amoxicillin and ibuprofen, and add spironolactone.",
    );
    const h = hintsFor(t, { labs: { egfr: 20 }, medications: ['metformin'] });
    expect(h.length).toBeGreaterThan(4);
    expect(new Set(h.map((x) => x.id)).size).toBe(h.length);
    const rank = { critical: 0, warning: 1, info: 2 };
    for (let i = 1; i < h.length; i++) expect(rank[h[i - 1]!.severity]).toBeLessThanOrEqual(rank[h[i]!.severity]);
    for (const x of h) {
      expect(x.id).toMatch(new RegExp(`^${x.kind}-[0-9a-f]{12}$`));
      expect(x.source.length).toBeGreaterThan(10);
      expect(x.evidence.length > 0 || /record/.test(x.basis), x.title).toBe(true);
      if (x.kind !== 'diagnosis-code') expect(x.basis, x.title).toMatch(/[Cc]onsider/);
      for (const e of x.evidence) expect(e).toBeLessThan(5);
    }
  });

  it('produces the same ids for the same visit', () => {
    const t = visit('P: i take warfarin.', 'D: take ibuprofen.');
    expect(hintsFor(t).map((h) => h.id)).toEqual(hintsFor(t).map((h) => h.id));
  });
});
