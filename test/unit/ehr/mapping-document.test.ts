import { describe, expect, it } from 'vitest';
import { contextQueries, genericName, mapContext, mapMedication, mapObservations } from '../../../core/ehr/context.js';
import {
  buildDocumentBundle,
  buildDocumentReference,
  loincForTemplate,
  noteIdentifier,
  noteText,
  type SignedNote,
} from '../../../core/ehr/document.js';
import type { FhirResource } from '../../../core/ehr/fhir-client.js';

const loinc = (code: string, value: number, unit: string, at: string, status = 'final'): FhirResource => ({
  resourceType: 'Observation',
  status,
  code: { coding: [{ system: 'http://loinc.org', code }] },
  effectiveDateTime: at,
  valueQuantity: { value, unit, code: unit },
});

describe('context mapping', () => {
  it('finds the generic name in a medication text', () => {
    expect(genericName('Metformin hydrochloride 500 MG Oral Tablet')).toBe('metformin');
    expect(genericName('Amlodipine besylate 5 MG')).toBe('amlodipine');
    expect(genericName('Warfarin')).toBe('warfarin');
    expect(genericName('urn:local|X-1')).toBe('urn:local|X-1');
  });

  it('takes dose and frequency per day from the dosage', () => {
    const m = mapMedication({
      resourceType: 'MedicationRequest',
      medicationCodeableConcept: { text: 'Lisinopril 20 MG Oral Tablet' },
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 1, period: 8, periodUnit: 'h' } },
          doseAndRate: [{ doseQuantity: { value: 20, unit: 'mg' } }],
        },
      ],
    });
    expect(m).toEqual({ name: 'lisinopril', status: 'active', dose: 20, unit: 'mg', perDay: 3 });
    const noUnit = mapMedication({
      resourceType: 'MedicationRequest',
      medicationCodeableConcept: { text: 'Insulin' },
      dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 10, unit: '[IU]' } }] }],
    });
    expect(noUnit).toEqual({ name: 'insulin', status: 'active' });
  });

  it('keeps the newest lab per LOINC group, converts units, drops entered-in-error and out-of-range values', () => {
    const { labs } = mapObservations([
      loinc('33914-3', 70, 'mL/min/{1.73_m2}', '2026-01-01T00:00:00Z'),
      loinc('98979-8', 40, 'mL/min/{1.73_m2}', '2026-06-01T00:00:00Z'),
      loinc('98979-8', 12, 'mL/min/{1.73_m2}', '2026-07-01T00:00:00Z', 'entered-in-error'),
      loinc('2160-0', 1.4, 'mg/dL', '2026-06-01T00:00:00Z'),
      loinc('4548-4', 7.2, '%', '2026-06-01T00:00:00Z'),
      loinc('2823-3', 99, 'mmol/L', '2026-06-01T00:00:00Z'),
    ]);
    expect(labs).toEqual({ egfr: 40, creatinine: 1.4, a1c: 7.2 });
    expect(mapObservations([loinc('14682-9', 176.8, 'umol/L', '2026-06-01T00:00:00Z')]).labs).toEqual({
      creatinine: 2,
    });
  });

  it('produces a context the hints schema accepts, without inactive conditions or stopped medications', () => {
    const c = mapContext(
      { resourceType: 'Patient', id: 'p', gender: 'male', birthDate: '2000-06-15' },
      {
        MedicationRequest: [
          { resourceType: 'MedicationRequest', status: 'stopped', medicationCodeableConcept: { text: 'Aspirin' } },
          { resourceType: 'MedicationRequest', status: 'active', medicationCodeableConcept: { text: 'Aspirin 81 MG' } },
        ],
        Condition: [
          {
            resourceType: 'Condition',
            clinicalStatus: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'remission' }],
            },
            code: { text: 'Asthma' },
          },
          { resourceType: 'Condition', code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] } },
        ],
      },
      new Date('2026-06-14T00:00:00Z'),
    );
    expect(c.context).toEqual({
      age: 25,
      sex: 'male',
      allergies: [],
      medications: [{ name: 'aspirin', status: 'active' }],
      conditions: [{ name: 'snomed.info/sct|44054006' }],
    });
  });
});

const note: SignedNote = {
  encounterId: 3,
  noteId: 12,
  version: 2,
  templateId: 'referral',
  text: 'Assessment: héllo <script>x</script> ✓',
  sections: [{ title: 'Assessment', text: 'héllo <script>x</script> ✓' }],
  signedBy: 'clinician:7',
  signedAt: '2026-11-29T01:00:00.000Z',
};

describe('documents', () => {
  it('maps templates to LOINC document types', () => {
    expect(loincForTemplate('progress').code).toBe('11506-3');
    expect(loincForTemplate('hp').code).toBe('34117-2');
    expect(loincForTemplate('discharge').code).toBe('18842-5');
    expect(loincForTemplate('referral').code).toBe('57133-1');
    expect(loincForTemplate('something-new').code).toBe('34109-9');
    expect(loincForTemplate('__proto__').code).toBe('34109-9');
  });

  it('derives a stable identifier per note, different across notes and databases', () => {
    expect(noteIdentifier('db1', 12)).toEqual(noteIdentifier('db1', 12));
    expect(noteIdentifier('db1', 12).value).not.toBe(noteIdentifier('db1', 13).value);
    expect(noteIdentifier('db1', 12).value).not.toBe(noteIdentifier('db2', 12).value);
    expect(noteIdentifier('db1', 12).value).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('builds a final, current DocumentReference with the text byte-exact and the HTML escaped', () => {
    const d = buildDocumentReference(note, {
      patientId: 'p1',
      encounterId: 'e1',
      fhirUser: 'Practitioner/9',
      databaseId: 'db1',
    });
    expect(d).toMatchObject({
      status: 'current',
      docStatus: 'final',
      subject: { reference: 'Patient/p1' },
      author: [{ reference: 'Practitioner/9' }],
      date: note.signedAt,
      context: { encounter: [{ reference: 'Encounter/e1' }] },
    });
    const [plain, html] = d.content as Array<{ attachment: { contentType: string; data: string; size: number } }>;
    expect(plain!.attachment.contentType).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(plain!.attachment.data, 'base64').toString('utf8')).toBe(note.text);
    expect(plain!.attachment.size).toBe(Buffer.byteLength(note.text));
    const h = Buffer.from(html!.attachment.data, 'base64').toString('utf8');
    expect(h).toContain('&lt;script&gt;');
    expect(h).not.toContain('<script>');
    const noUser = buildDocumentReference(note, { patientId: 'p1', databaseId: 'db1' });
    expect(noUser.author).toEqual([{ display: 'clinician:7' }]);
    expect(noUser.context).toBeUndefined();
  });

  it('builds a document Bundle whose Composition sections carry escaped XHTML', () => {
    const b = buildDocumentBundle(
      note,
      { name: 'Ada', birthDate: null },
      { databaseId: 'db1' },
      new Date('2026-11-29T02:00:00Z'),
    );
    const entries = b.entry as Array<{ fullUrl: string; resource: Record<string, unknown> }>;
    expect(entries.map((e) => e.resource.resourceType)).toEqual(['Composition', 'Patient', 'DocumentReference']);
    const comp = entries[0]!.resource as { section: Array<{ text: { div: string } }>; status: string };
    expect(comp.status).toBe('final');
    expect(comp.section[0]!.text.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"><pre>.*&lt;script&gt;/);
    expect(b.timestamp).toBe('2026-11-29T02:00:00.000Z');
    // No fullUrl equals an identifier value (receivers rewrite fullUrls inside resources when they unpack a bundle).
    const ids = [b.identifier, ...entries.map((e) => e.resource.identifier)].flat().map((i) => JSON.stringify(i));
    for (const e of entries) expect(ids.join(' ')).not.toContain(e.fullUrl);
  });

  it('searches the record by typed patient reference (servers differ on bare ids)', () => {
    const queries = contextQueries('p1', new Date('2026-11-29T02:00:00Z'));
    expect(queries.map(([, q]) => q.patient)).toEqual(Array(5).fill('Patient/p1'));
    expect(queries.find(([t]) => t === 'Observation')![1].date).toBe('ge2025-11-29');
  });

  it('reads the note text from a stored drafter body and refuses an empty one', () => {
    expect(noteText({ note: 'N', sections: [] }).text).toBe('N');
    expect(noteText({ sections: [{ title: 'Plan', sentences: [{ text: 'Rest.' }] }] }).text).toBe('Plan\nRest.');
    expect(() => noteText({})).toThrow(/empty/);
  });
});
