/**
 * The drafter's content sources as a template editor offers them: id → a title in clinicians' words. Pure data (no
 * Node module): the API schema (and through it the preload bundle) imports it. A unit test keeps these ids equal to
 * the keys of SOURCES in drafter.ts.
 */
export const TEMPLATE_SOURCES = {
  chief_complaint: 'Chief complaint',
  hpi: 'History of present illness',
  hpi_brief: 'History of present illness (brief)',
  ros: 'Review of systems',
  exam: 'Physical exam',
  vitals: 'Vital signs',
  results: 'Results (labs and imaging)',
  objective: 'Objective (vitals, exam and results)',
  assessment_plan: 'Assessment and plan (by problem)',
  assessment: 'Assessment',
  plan: 'Plan',
  medications: 'Medications',
  allergies: 'Allergies',
  immunizations: 'Immunizations',
  medical_history: 'Past medical history',
  surgical_history: 'Past surgical history',
  family_history: 'Family history',
  social_history: 'Social history',
  letter_opening: 'Letter opening (who the patient is and why seen)',
  letter_closing: 'Letter closing (kept even when empty)',
  prior_auth_opening: 'Prior authorization opening',
  treatment_requested: 'Treatment requested',
  medical_necessity: 'Medical necessity',
  pi_reason: 'Patient instructions: why you came',
  pi_found: 'Patient instructions: what we found',
  pi_medications: 'Patient instructions: your medicines',
  pi_plan: 'Patient instructions: what to do next',
  pi_warning: 'Patient instructions: when to get help',
} as const satisfies Record<string, string>;

export type TemplateSourceId = keyof typeof TEMPLATE_SOURCES;

export const TEMPLATE_SOURCE_IDS = Object.keys(TEMPLATE_SOURCES) as [TemplateSourceId, ...TemplateSourceId[]];

/**
 * Whether a section is left out of the note when its source found nothing, when the template does not say: yes,
 * except letter closings (a letter ends with its sign-off even when there is nothing else to add).
 */
export function defaultOmitIfEmpty(source: string): boolean {
  return !/closing/.test(source);
}
