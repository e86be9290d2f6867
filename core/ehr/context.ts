/**
 * Loads the launched patient's record and maps it into the patient context the hints engine accepts
 * (core/hints/context.ts): allergies, active medications, active conditions, latest labs by LOINC, age and sex.
 * Codes Bedside does not know are kept as their text; narratives are never read; every string is plain text.
 */
import { parseContext, type PatientContext } from '../hints/context.js';
import { EhrError } from './errors.js';
import type { FhirClient, FhirResource } from './fhir-client.js';
import { plainText } from './text.js';

export interface EhrPatient {
  /** FHIR Patient id on the EHR. */
  id: string;
  /** PHI: display name. */
  name: string;
  /** PHI: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate: string | null;
  gender: string | null;
}

export interface EhrObservation {
  /** The LOINC code when there is one. */
  loinc: string | null;
  name: string;
  value: string;
  at: string | null;
  category: string | null;
}

/** What `bedside fhir context` shows and what the hints engine receives. PHI throughout. */
export interface EhrContext {
  patient: EhrPatient;
  /** The hints engine's patient context, validated by its own schema. */
  context: PatientContext;
  /** Recent observations (vital signs and labs) as text, newest first. */
  observations: EhrObservation[];
  /** Counts of resources read, per type (for status lines and logs: counts only). */
  counts: Record<string, number>;
  fetchedAt: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Text of a CodeableConcept: its text, else the first coding display, else `system|code` (unknown codes as text). */
export function conceptText(cc: unknown, max = 200): string {
  const c = obj(cc);
  const text = plainText(c.text, max);
  if (text) return text;
  for (const coding of arr(c.coding)) {
    const display = plainText(obj(coding).display, max);
    if (display) return display;
  }
  const first = obj(arr(c.coding)[0]);
  const code = plainText(first.code, 60);
  if (!code) return '';
  const system = plainText(first.system, 120);
  return system ? `${system.replace(/^https?:\/\//, '')}|${code}` : code;
}

function codingCodes(cc: unknown, systemPart: string): string[] {
  return arr(obj(cc).coding)
    .map(obj)
    .filter((c) => typeof c.system === 'string' && c.system.toLowerCase().includes(systemPart))
    .map((c) => str(c.code))
    .filter((c): c is string => c !== null);
}

const SALTS = new Set([
  'hydrochloride',
  'hcl',
  'sodium',
  'potassium',
  'calcium',
  'magnesium',
  'sulfate',
  'succinate',
  'tartrate',
  'maleate',
  'besylate',
  'mesylate',
  'citrate',
  'acetate',
  'phosphate',
  'bromide',
  'chloride',
  'fumarate',
  'monohydrate',
  'dihydrate',
  'trihydrate',
  'er',
  'xr',
  'sr',
  'oral',
  'tablet',
  'capsule',
]);

/**
 * The generic name in a medication text ("Metformin hydrochloride 500 MG Oral Tablet" → "metformin"): the words
 * before the strength, without salt and form words. Falls back to the whole text when nothing is left.
 */
export function genericName(text: string): string {
  // An unknown code kept as `system|code` stays exactly as the EHR wrote it.
  if (text.includes('|')) return text;
  const words = text.toLowerCase().split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (/\d/.test(w) || w === '[' || w.startsWith('(')) break;
    const clean = w.replace(/[^a-z\-/]/g, '');
    if (clean && !SALTS.has(clean)) kept.push(clean);
  }
  const name = kept.join(' ').trim();
  return name || text.toLowerCase();
}

function ageFrom(birthDate: string | null, now: Date): number | undefined {
  const m = birthDate ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(birthDate) : null;
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d)) age--;
  return age >= 0 && age <= 130 ? age : undefined;
}

function patientName(p: Json): string {
  const names = arr(p.name).map(obj);
  const n = names.find((x) => x.use === 'official') ?? names.find((x) => x.use === 'usual') ?? names[0];
  if (!n) return '';
  const text = plainText(n.text, 200);
  if (text) return text;
  const given = arr(n.given)
    .map((g) => plainText(g, 80))
    .filter(Boolean);
  return [...given, plainText(n.family, 80)].filter(Boolean).join(' ');
}

export function mapPatient(p: FhirResource): EhrPatient {
  const birthDate =
    typeof p.birthDate === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(p.birthDate) ? p.birthDate : null;
  const gender = typeof p.gender === 'string' && /^(male|female|other|unknown)$/.test(p.gender) ? p.gender : null;
  return { id: String(p.id ?? ''), name: patientName(p), birthDate, gender };
}

type Allergy = NonNullable<PatientContext['allergies']>[number];
type Medication = NonNullable<PatientContext['medications']>[number];
type Condition = NonNullable<PatientContext['conditions']>[number];
type Labs = NonNullable<PatientContext['labs']>;

export function mapAllergy(r: FhirResource): Allergy | null {
  const verification = codingCodes(r.verificationStatus, 'allergyintolerance-verification')[0];
  if (verification === 'entered-in-error') return null;
  const substance = conceptText(r.code);
  if (!substance) return null;
  const clinical = codingCodes(r.clinicalStatus, 'allergyintolerance-clinical')[0];
  const status: 'active' | 'inactive' | 'refuted' =
    verification === 'refuted' ? 'refuted' : clinical === 'inactive' || clinical === 'resolved' ? 'inactive' : 'active';
  const reaction = arr(r.reaction)
    .flatMap((x) => arr(obj(x).manifestation))
    .map((m) => conceptText(m, 100))
    .filter(Boolean)
    .join(', ')
    .slice(0, 500);
  return { substance, status, ...(reaction ? { reaction } : {}) };
}

const UNITS: Record<string, 'mg' | 'mcg' | 'g'> = { mg: 'mg', mcg: 'mcg', ug: 'mcg', µg: 'mcg', g: 'g' };

function medicationText(r: FhirResource): string {
  if (r.medicationCodeableConcept) return conceptText(r.medicationCodeableConcept);
  const ref = obj(r.medicationReference);
  const display = plainText(ref.display, 200);
  if (display) return display;
  const refId = typeof ref.reference === 'string' && ref.reference.startsWith('#') ? ref.reference.slice(1) : null;
  const contained = arr(r.contained)
    .map(obj)
    .find((c) => c.resourceType === 'Medication' && c.id === refId);
  return contained ? conceptText(contained.code) : '';
}

export function mapMedication(r: FhirResource): Medication | null {
  const text = medicationText(r);
  if (!text) return null;
  const name = genericName(text).slice(0, 200);
  const dosage = obj(arr(r.dosageInstruction ?? r.dosage)[0]);
  const dq = obj(obj(arr(dosage.doseAndRate)[0]).doseQuantity);
  const unit = UNITS[String(dq.code ?? dq.unit ?? '').toLowerCase()];
  const dose = typeof dq.value === 'number' && dq.value > 0 && dq.value <= 100_000 && unit ? dq.value : undefined;
  const rep = obj(obj(dosage.timing).repeat);
  let perDay: number | undefined;
  if (typeof rep.frequency === 'number' && typeof rep.period === 'number' && rep.period > 0) {
    const per =
      rep.periodUnit === 'h'
        ? (rep.frequency * 24) / rep.period
        : rep.periodUnit === 'd'
          ? rep.frequency / rep.period
          : NaN;
    if (Number.isFinite(per) && per > 0 && per <= 24) perDay = Math.round(per * 100) / 100;
  }
  return {
    name,
    status: 'active',
    ...(dose !== undefined ? { dose, unit } : {}),
    ...(perDay !== undefined ? { perDay } : {}),
  };
}

const ACTIVE_CONDITION = new Set(['active', 'recurrence', 'relapse']);

export function mapCondition(r: FhirResource): Condition | null {
  const clinical = codingCodes(r.clinicalStatus, 'condition-clinical')[0];
  if (clinical && !ACTIVE_CONDITION.has(clinical)) return null;
  const verification = codingCodes(r.verificationStatus, 'condition-ver-status')[0];
  if (verification === 'refuted' || verification === 'entered-in-error') return null;
  const name = conceptText(r.code);
  if (!name) return null;
  const icd = codingCodes(r.code, 'icd-10').find((c) => /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/.test(c));
  return { name, ...(icd ? { code: icd } : {}) };
}

/** LOINC codes per lab the hints engine uses, with the conversion of other units into the expected one. */
const LABS: Array<{
  key: keyof Labs;
  codes: string[];
  convert: (value: number, unit: string) => number | null;
  range: [number, number];
}> = [
  {
    key: 'egfr',
    codes: [
      '33914-3',
      '48642-3',
      '48643-1',
      '62238-1',
      '88293-6',
      '88294-4',
      '98979-8',
      '50044-7',
      '69405-9',
      '77147-7',
    ],
    convert: (v) => v,
    range: [0, 200],
  },
  {
    key: 'crcl',
    codes: ['2164-2', '33558-0'],
    convert: (v) => v,
    range: [0, 250],
  },
  {
    key: 'creatinine',
    codes: ['2160-0', '38483-4', '14682-9', '77140-2', '21232-4'],
    // µmol/L → mg/dL
    convert: (v, u) => (/^(u|µ)mol\/l$/i.test(u) ? Math.round((v / 88.42) * 100) / 100 : v),
    range: [0, 30],
  },
  {
    key: 'potassium',
    codes: ['2823-3', '6298-4', '77142-8', '32713-2'],
    convert: (v) => v,
    range: [0, 12],
  },
  {
    key: 'a1c',
    codes: ['4548-4', '17856-6', '4549-2', '59261-8'],
    // IFCC mmol/mol → NGSP %
    convert: (v, u) => (/^mmol\/mol$/i.test(u) ? Math.round((v / 10.929 + 2.15) * 10) / 10 : v),
    range: [2, 25],
  },
  {
    key: 'inr',
    codes: ['6301-6', '34714-6', '46418-0'],
    convert: (v) => v,
    range: [0, 20],
  },
];

const DROP_OBS = new Set(['entered-in-error', 'cancelled']);

function observationTime(r: FhirResource): string | null {
  const t = str(r.effectiveDateTime) ?? str(obj(r.effectivePeriod).start) ?? str(r.effectiveInstant) ?? str(r.issued);
  return t && !Number.isNaN(Date.parse(t)) ? t : null;
}

function quantityText(q: Json): string {
  if (typeof q.value !== 'number') return '';
  const unit = plainText(q.unit ?? q.code, 30);
  return `${q.value}${unit ? ` ${unit}` : ''}`;
}

function valueText(r: Json): string {
  if (r.valueQuantity) return quantityText(obj(r.valueQuantity));
  if (r.valueCodeableConcept) return conceptText(r.valueCodeableConcept, 100);
  if (typeof r.valueString === 'string') return plainText(r.valueString, 200);
  if (typeof r.valueBoolean === 'boolean') return r.valueBoolean ? 'yes' : 'no';
  if (typeof r.valueInteger === 'number') return String(r.valueInteger);
  return '';
}

export function mapObservations(list: FhirResource[]): { labs: Labs; observations: EhrObservation[] } {
  const usable = list
    .filter((r) => !DROP_OBS.has(String(r.status)))
    .map((r) => ({ r, at: observationTime(r) }))
    .sort((a, b) => (b.at ? Date.parse(b.at) : 0) - (a.at ? Date.parse(a.at) : 0));
  const labs: Labs = {};
  const observations: EhrObservation[] = [];
  for (const { r, at } of usable) {
    const loinc = codingCodes(r.code, 'loinc.org');
    const q = obj(r.valueQuantity);
    for (const lab of LABS) {
      if (labs[lab.key] !== undefined || !loinc.some((c) => lab.codes.includes(c))) continue;
      if (typeof q.value !== 'number' || !Number.isFinite(q.value)) continue;
      const v = lab.convert(q.value, String(q.code ?? q.unit ?? ''));
      if (v !== null && v >= lab.range[0] && v <= lab.range[1]) labs[lab.key] = v;
    }
    const components = arr(r.component)
      .map(obj)
      .map((c) => `${conceptText(c.code, 60)} ${valueText(c)}`.trim())
      .filter(Boolean);
    const value = valueText(r) || components.join('; ');
    const category = arr(r.category)
      .flatMap((c) => codingCodes(c, 'observation-category'))
      .find(Boolean);
    observations.push({
      loinc: loinc[0] ?? null,
      name: conceptText(r.code) || 'Observation',
      value,
      at,
      category: category ?? null,
    });
  }
  return { labs, observations: observations.slice(0, 200) };
}

/** Within the limits of the hints schema: at most 500 per list, names unique (case-insensitive). */
function uniqueBy<T>(items: Array<T | null>, key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    if (!it) continue;
    const k = key(it).toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(it);
    if (out.length >= 500) break;
  }
  return out;
}

/**
 * Search filters; the server may ignore them, so the mapping filters again. The patient is given as a typed reference
 * (`patient=Patient/123`): R4 allows a bare id too, but servers differ on it (Medplum's in-memory search matches no
 * bare id at all), and an empty answer would silently hide allergies and medications.
 */
export function contextQueries(patientId: string, now = new Date()): Array<[string, Record<string, string>]> {
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const patient = `Patient/${patientId}`;
  return [
    ['AllergyIntolerance', { patient }],
    ['MedicationRequest', { patient, status: 'active' }],
    ['MedicationStatement', { patient, status: 'active' }],
    ['Condition', { patient, 'clinical-status': 'active' }],
    ['Observation', { patient, date: `ge${since}`, _sort: '-date', _count: '100' }],
  ];
}

/** Whether a resource's subject (or patient) is the given patient (relative or absolute reference). */
export function belongsTo(r: FhirResource, patientId: string): boolean {
  const ref = obj(r.subject ?? r.patient).reference;
  if (typeof ref !== 'string') return false;
  return ref === `Patient/${patientId}` || ref.endsWith(`/Patient/${patientId}`);
}

/** Reads the patient and their record and maps it. */
export async function loadContext(client: FhirClient, patientId: string, now = new Date()): Promise<EhrContext> {
  const patient = await client.read('Patient', patientId);
  const results: Record<string, FhirResource[]> = {};
  for (const [type, params] of contextQueries(patientId, now)) {
    const found = await client.search(type, params);
    // A server that ignores the patient filter must not mix another patient's record into this one.
    if (found.some((r) => !belongsTo(r, patientId)))
      throw new EhrError('hostile', `the EHR returned ${type} of another patient; the context was not loaded`);
    results[type] = found;
  }
  return mapContext(patient, results, now);
}

export function mapContext(
  patientRes: FhirResource,
  results: Record<string, FhirResource[]>,
  now = new Date(),
): EhrContext {
  const patient = mapPatient(patientRes);
  const meds = [...(results.MedicationRequest ?? []), ...(results.MedicationStatement ?? [])].filter(
    (r) => r.status === 'active' || r.status === undefined,
  );
  const { labs, observations } = mapObservations(results.Observation ?? []);
  const age = ageFrom(patient.birthDate, now);
  const raw = {
    ...(age !== undefined ? { age } : {}),
    ...(patient.gender === 'male' || patient.gender === 'female' ? { sex: patient.gender } : {}),
    allergies: uniqueBy((results.AllergyIntolerance ?? []).map(mapAllergy), (a) => a.substance),
    medications: uniqueBy(meds.map(mapMedication), (m) => m.name),
    conditions: uniqueBy((results.Condition ?? []).map(mapCondition), (c) => c.name),
    ...(Object.keys(labs).length ? { labs } : {}),
  };
  const counts: Record<string, number> = { Patient: 1 };
  for (const [type, list] of Object.entries(results)) counts[type] = list.length;
  return { patient, context: parseContext(raw), observations, counts, fetchedAt: now.toISOString() };
}
