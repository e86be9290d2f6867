/**
 * Shared shapes of the clinical text pipeline: transcript → facts → draft note.
 *
 * Other capabilities build on these (the hints engine reads `ClinicalFacts`, the speech pipeline calls
 * `inferSpeakerRoles` on `Turn[]`), so fields are only ever added here, never renamed or removed.
 *
 * Evidence is always a list of turn indices (`Turn.index`, 0-based, in transcript order).
 */

export type SpeakerRole = 'doctor' | 'patient' | 'other' | 'unknown';

export interface Turn {
  /** 0-based position in the transcript; what `evidence` arrays point to. */
  index: number;
  speaker: SpeakerRole;
  /** Start/end time in seconds, when the turn came from audio. */
  start?: number;
  end?: number;
  /** Normalised text (ASR spacing fixed: "i'm doing okay, thanks."). */
  text: string;
  /** The tag as written in the source (`doctor`, `patient_guest`, `Nurse`...), when there was one. */
  label?: string;
  /** Where the role came from: a tag in the text, or inference from the words. */
  roleSource?: 'tag' | 'inferred';
  /** 0..1 confidence of an inferred role. */
  roleConfidence?: number;
}

export type TranscriptFormat = 'bracket-tags' | 'prefix-tags' | 'untagged' | 'turns';

export interface Transcript {
  turns: Turn[];
  format: TranscriptFormat;
}

/** Who a fact is about: the patient, or a family member / someone else ("my mother had breast cancer"). */
export type FactSubject = 'patient' | 'family' | 'other';

/** Fields every extracted fact carries. */
export interface FactBase {
  /** Turn indices that support the fact (never empty). */
  evidence: number[];
  /** Stated as absent ("denies chest pain", "no fever"). */
  negated: boolean;
  /** Hedged ("maybe a little dizzy", "might be", "not sure"). */
  uncertain: boolean;
  /** Past, not current ("had pneumonia years ago", "used to smoke"). */
  historical: boolean;
  subject: FactSubject;
  /** The (normalised) words the fact was read from, for display and for later LLM rewriting. */
  source?: string;
  /**
   * Assertion of the mention (ConText-style): stated as true, denied, hedged, hypothetical (advice, safety-netting,
   * "if…", risk), or ruled out by the clinician. Absent on facts from older producers: read `negated`/`uncertain`.
   */
  assertion?: Assertion;
  /** Who it is about, more precisely than `subject`: "patient", a relative ("grandfather"), "doctor", "other". */
  experiencer?: string;
  /** When it holds: now, in the past (history), or resolved. */
  time?: 'current' | 'past' | 'resolved';
}

export type Assertion = 'present' | 'absent' | 'possible' | 'hypothetical' | 'ruled-out';

export interface Symptom extends FactBase {
  /** Canonical lowercase name ("chest pain", "shortness of breath"). */
  name: string;
  /** Review-of-systems group ("cardiovascular", "respiratory", ...). */
  system: string | null;
  bodySite: string | null;
  onset: string | null;
  duration: string | null;
  severity: string | null;
}

export type HistoryKind = 'medical' | 'surgical' | 'family' | 'social';

export interface HistoryItem extends FactBase {
  kind: HistoryKind;
  /** Canonical lowercase condition / procedure / habit ("hypertension", "appendectomy", "tobacco use"). */
  name: string;
  /** Relative for family history ("mother"). */
  relative: string | null;
  detail: string | null;
}

export type MedicationChange = 'start' | 'stop' | 'continue' | 'increase' | 'decrease' | 'refill' | null;

export interface Medication extends FactBase {
  /** "as needed" (PRN) was said with this medication. */
  asNeeded?: boolean;
  /** Lowercase generic name when known ("lisinopril"; "Tylenol" → "acetaminophen"). */
  name: string;
  /** The name as said, when it differs (a brand). */
  mentionedAs: string | null;
  dose: number | null;
  unit: string | null;
  route: string | null;
  frequency: string | null;
  change: MedicationChange;
  /** Drug class from the lexicon ("ace inhibitor", "nsaid"), when known. */
  drugClass: string | null;
}

export interface Allergy extends FactBase {
  /** Lowercase substance ("penicillin"); `negated` true for "no known drug allergies" with substance "drug". */
  substance: string;
  reaction: string | null;
}

export type VitalKind = 'bp' | 'hr' | 'rr' | 'temp' | 'spo2' | 'weight' | 'height' | 'bmi';

export interface Vital extends FactBase {
  kind: VitalKind;
  /** Main value; systolic for blood pressure. */
  value: number;
  /** Diastolic for blood pressure. */
  value2: number | null;
  /** "mmHg", "bpm", "breaths/min", "°F", "°C", "%", "lb", "kg", "in", "cm", "kg/m2". */
  unit: string;
  /** Qualitative reading when no number was said ("a little elevated"), or how it was taken ("on room air"). */
  qualifier: string | null;
  /** Where a reading from another setting was taken ("hospital", "emergency room"); absent for this visit's. */
  setting?: string;
}

export interface ExamFinding extends FactBase {
  /** "cardiovascular", "respiratory", "musculoskeletal", ... or "general". */
  system: string;
  finding: string;
}

export interface ResultItem extends FactBase {
  kind: 'lab' | 'imaging' | 'other';
  /** Test name ("echocardiogram", "hemoglobin a1c", "x-ray"). */
  name: string;
  finding: string;
}

export interface Problem extends FactBase {
  /** Assessment problem, canonical lowercase ("congestive heart failure"). */
  name: string;
  status: 'new' | 'chronic' | 'resolved' | null;
  /** The doctor's certainty: a diagnosis made, one suspected (work-up pending), or one ruled out. */
  certainty?: 'confirmed' | 'suspected' | 'ruled-out';
}

export type PlanKind = 'order' | 'prescription' | 'referral' | 'follow-up' | 'education' | 'procedure' | 'other';

export interface PlanItem extends FactBase {
  kind: PlanKind;
  /** Third-person plan statement. */
  text: string;
  /** Thing ordered / referred to / prescribed ("echocardiogram", "cardiology", "lasix"), when identified. */
  target: string | null;
  /** Problem the item belongs to, when it could be attributed. */
  problem: string | null;
}

export interface PatientInfo {
  name: string | null;
  age: number | null;
  sex: 'male' | 'female' | null;
  evidence: number[];
}

export interface ClinicalFacts {
  patient: PatientInfo;
  /** Short chief complaint ("right knee pain"), null when none was found. */
  chiefComplaint: { text: string; evidence: number[] } | null;
  /** Longer reason for the visit ("follow-up of chronic problems"). */
  reasonForVisit: { text: string; evidence: number[] } | null;
  symptoms: Symptom[];
  history: HistoryItem[];
  medications: Medication[];
  allergies: Allergy[];
  vitals: Vital[];
  exam: ExamFinding[];
  results: ResultItem[];
  problems: Problem[];
  plan: PlanItem[];
}

export type VerifyProblemKind =
  | 'no-evidence'
  | 'number'
  | 'drug'
  | 'dose'
  | 'side'
  | 'polarity'
  | 'experiencer'
  | 'time'
  | 'transcript-artefact'
  /** A plan sentence ordering what the visit took back ("we'll splint it … actually, let's hold off on the splint"). */
  | 'withdrawn';

export interface VerifyProblem {
  kind: VerifyProblemKind;
  /** What did not match, in words without PHI beyond the note's own words ("120/80 is not in turns 4, 5"). */
  detail: string;
}

export interface DraftSentence {
  text: string;
  /** Turn indices supporting the sentence. */
  evidence: number[];
  /** True only when the evidence turns back the sentence (numbers, drugs, doses, side, polarity and person). */
  supported: boolean;
  /** Why the sentence is not supported (set by the verifier; empty or absent when supported). */
  problems?: VerifyProblem[];
}

export interface DraftSection {
  /** Stable id from the template ("hpi", "assessment_plan"). */
  id: string;
  /** Heading as printed ("HISTORY OF PRESENT ILLNESS"). */
  title: string;
  sentences: DraftSentence[];
}

export interface Draft {
  /** Template id ("outpatient"). */
  template: string;
  sections: DraftSection[];
  /** Full note text: headings on their own line, sections separated by blank lines. */
  note: string;
}

export interface DraftOptions {
  /** A bundled template's id (default "outpatient"), or a template itself (the clinician's own, from the store). */
  template?: string | NoteTemplate;
  /** Facts already extracted from the same transcript (skips re-extraction). */
  facts?: ClinicalFacts;
  /** Learned note section per sentence (`${turn}:${pos}` → label; models/text/utterances.ts); absent = rules only. */
  utterances?: ReadonlyMap<string, string>;
}

export interface NoteTemplateSection {
  id: string;
  title: string;
  /** Which content generator fills it (see core/clinical/drafter.ts). */
  source: string;
  /** Omit the section from the note when it has no sentences (default true). */
  omitIfEmpty?: boolean;
}

export interface NoteTemplate {
  id: string;
  name: string;
  description: string;
  /** 'note' (sectioned), 'letter' (salutation + paragraphs), 'instructions' (plain language). */
  style: 'note' | 'letter' | 'instructions';
  sections: NoteTemplateSection[];
}
