/**
 * The signed note as FHIR: a DocumentReference (status current, docStatus final, LOINC type by template, the note
 * as a text/plain attachment and an escaped text/html copy) and, for systems without an API, a FHIR document Bundle
 * (Composition + Patient + DocumentReference). The identifier is derived from the database id and note id, so the
 * same signed note always produces the same identifier: the key of the conditional create.
 */
import { createHash } from 'node:crypto';
import { EhrError } from './errors.js';
import type { FhirResource } from './fhir-client.js';
import { escapeHtml } from './text.js';

export const LOINC = 'http://loinc.org';
export const IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';

/** LOINC document type per note template (resources/templates). Unknown templates are filed as a generic note. */
export const TEMPLATE_LOINC: Record<string, { code: string; display: string }> = {
  progress: { code: '11506-3', display: 'Progress note' },
  soap: { code: '11506-3', display: 'Progress note' },
  hp: { code: '34117-2', display: 'History and physical note' },
  discharge: { code: '18842-5', display: 'Discharge summary' },
  referral: { code: '57133-1', display: 'Referral note' },
  outpatient: { code: '34108-1', display: 'Outpatient Note' },
  'patient-instructions': { code: '69730-0', display: 'Instructions' },
  'prior-auth': { code: '51851-4', display: 'Administrative note' },
};
const GENERIC_NOTE = { code: '34109-9', display: 'Note' };

export function loincForTemplate(templateId: string): { code: string; display: string } {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_LOINC, templateId) ? TEMPLATE_LOINC[templateId]! : GENERIC_NOTE;
}

/** A signed note as the store holds it, reduced to what the documents need. */
export interface SignedNote {
  encounterId: number;
  noteId: number;
  version: number;
  templateId: string;
  /** PHI: the note text. */
  text: string;
  /** PHI-free: section titles and their text, when the drafter stored sections. */
  sections: Array<{ title: string; text: string }>;
  signedBy: string;
  signedAt: string;
}

export interface DocumentTarget {
  /** FHIR Patient id on the EHR (or a local id in an export without an EHR). */
  patientId: string;
  encounterId?: string | null;
  /** The signed-in user's reference, e.g. `Practitioner/123`. */
  fhirUser?: string | null;
  databaseId: string;
}

/** A UUID derived from the database id and note id (no PHI). */
export function noteUuid(databaseId: string, noteId: number, salt = 'note'): string {
  const h = createHash('sha256').update(`bedside:${salt}:${databaseId}:${noteId}`).digest('hex');
  // RFC 9562 version 8 (custom) layout.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function noteIdentifier(databaseId: string, noteId: number): { system: string; value: string } {
  return { system: IDENTIFIER_SYSTEM, value: `urn:uuid:${noteUuid(databaseId, noteId)}` };
}

/** Reads the signed note text and sections out of a stored note body (the drafter's NoteDraft JSON). */
export function noteText(body: unknown): { text: string; sections: Array<{ title: string; text: string }> } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    note?: unknown;
    sections?: Array<{ title?: unknown; sentences?: Array<{ text?: unknown }> }>;
  };
  const sections = (Array.isArray(b.sections) ? b.sections : [])
    .map((s) => ({
      title: typeof s?.title === 'string' ? s.title : '',
      text: (Array.isArray(s?.sentences) ? s.sentences : [])
        .map((x) => (typeof x?.text === 'string' ? x.text : ''))
        .filter(Boolean)
        .join(' '),
    }))
    .filter((s) => s.title || s.text);
  const text =
    typeof b.note === 'string' && b.note.trim()
      ? b.note
      : sections.map((s) => (s.title ? `${s.title}\n${s.text}` : s.text)).join('\n\n');
  if (!text.trim()) throw new EhrError('state', 'the signed note is empty');
  return { text, sections };
}

function htmlOf(title: string, text: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><pre>${escapeHtml(text)}</pre></body></html>\n`;
}

function authorOf(note: SignedNote, target: DocumentTarget): Array<Record<string, string>> {
  return target.fhirUser ? [{ reference: target.fhirUser }] : [{ display: note.signedBy }];
}

export function buildDocumentReference(note: SignedNote, target: DocumentTarget): FhirResource {
  const type = loincForTemplate(note.templateId);
  const bytes = Buffer.from(note.text, 'utf8');
  const html = Buffer.from(htmlOf(type.display, note.text), 'utf8');
  const attachment = (contentType: string, data: Buffer) => ({
    contentType,
    language: 'en',
    data: data.toString('base64'),
    size: data.byteLength,
    hash: createHash('sha1').update(data).digest('base64'),
    title: type.display,
    creation: note.signedAt,
  });
  return {
    resourceType: 'DocumentReference',
    identifier: [noteIdentifier(target.databaseId, note.noteId)],
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ system: LOINC, code: type.code, display: type.display }], text: type.display },
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
            code: 'clinical-note',
            display: 'Clinical Note',
          },
        ],
      },
    ],
    subject: { reference: `Patient/${target.patientId}` },
    date: note.signedAt,
    author: authorOf(note, target),
    description: `${type.display} (Bedside, note version ${note.version})`,
    content: [
      {
        attachment: attachment('text/plain; charset=utf-8', bytes),
        format: { code: 'urn:ietf:bcp:13', display: 'MIME' },
      },
      { attachment: attachment('text/html; charset=utf-8', html) },
    ],
    ...(target.encounterId ? { context: { encounter: [{ reference: `Encounter/${target.encounterId}` }] } } : {}),
  };
}

/** Patient data for an export: from the EHR when the encounter is linked, else from the local record. PHI. */
export interface ExportPatient {
  name: string;
  birthDate: string | null;
  gender?: string | null;
  /** The EHR Patient id, when known. */
  ehrId?: string | null;
  ehrSystem?: string | null;
}

function xhtml(text: string): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml"><pre>${escapeHtml(text)}</pre></div>`;
}

/** A FHIR document Bundle: Composition first, then Patient and DocumentReference, all linked by urn:uuid. */
export function buildDocumentBundle(
  note: SignedNote,
  patient: ExportPatient,
  target: Omit<DocumentTarget, 'patientId'>,
  now = new Date(),
): FhirResource {
  const type = loincForTemplate(note.templateId);
  const ids = {
    bundle: noteUuid(target.databaseId, note.noteId, 'bundle'),
    composition: noteUuid(target.databaseId, note.noteId, 'composition'),
    patient: noteUuid(target.databaseId, note.noteId, 'patient'),
  };
  // Entry fullUrls never equal an identifier value: a receiver that unpacks the document into a transaction rewrites
  // every string equal to a fullUrl (Medplum does), which would erase the note identifier that keeps it unique.
  const fullUrl = {
    composition: `urn:uuid:${noteUuid(target.databaseId, note.noteId, 'entry:composition')}`,
    doc: `urn:uuid:${noteUuid(target.databaseId, note.noteId, 'entry:document')}`,
  };
  const patientRef = `urn:uuid:${ids.patient}`;
  const docRef = buildDocumentReference(note, { ...target, patientId: 'x' });
  docRef.subject = { reference: patientRef };
  const patientRes: FhirResource = {
    resourceType: 'Patient',
    ...(patient.ehrId && patient.ehrSystem
      ? { identifier: [{ system: patient.ehrSystem, value: patient.ehrId }] }
      : {}),
    name: [{ text: patient.name }],
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
  };
  const sections = note.sections.length ? note.sections : [{ title: type.display, text: note.text }];
  const composition: FhirResource = {
    resourceType: 'Composition',
    identifier: { system: IDENTIFIER_SYSTEM, value: `urn:uuid:${ids.composition}` },
    status: 'final',
    type: { coding: [{ system: LOINC, code: type.code, display: type.display }] },
    subject: { reference: patientRef },
    ...(target.encounterId ? { encounter: { display: `EHR encounter ${target.encounterId}` } } : {}),
    date: note.signedAt,
    author: authorOf(note, { ...target, patientId: '' }),
    title: type.display,
    attester: [{ mode: 'legal', time: note.signedAt, party: authorOf(note, { ...target, patientId: '' })[0] }],
    section: sections.map((s) => ({
      title: s.title || type.display,
      text: { status: 'generated', div: xhtml(s.text) },
    })),
  };
  return {
    resourceType: 'Bundle',
    identifier: { system: IDENTIFIER_SYSTEM, value: `urn:uuid:${ids.bundle}` },
    type: 'document',
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: fullUrl.composition, resource: composition },
      { fullUrl: patientRef, resource: patientRes },
      { fullUrl: fullUrl.doc, resource: docRef },
    ],
  };
}
