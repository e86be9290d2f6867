/** Clinical fact extraction (first version: patient demographics only; grows in later commits). */
import type { ClinicalFacts, Transcript } from './types.js';

export function emptyFacts(): ClinicalFacts {
  return {
    patient: { name: null, age: null, sex: null, evidence: [] },
    chiefComplaint: null,
    reasonForVisit: null,
    symptoms: [],
    history: [],
    medications: [],
    allergies: [],
    vitals: [],
    exam: [],
    results: [],
    problems: [],
    plan: [],
  };
}

export function extractFacts(transcript: Transcript): ClinicalFacts {
  const facts = emptyFacts();
  for (const t of transcript.turns) {
    const m = /\b(\d{1,3})[- ]year[- ]old (male|female|man|woman)\b/i.exec(t.text);
    if (m && facts.patient.age === null) {
      facts.patient.age = Number(m[1]);
      facts.patient.sex = /^(male|man)$/i.test(m[2]!) ? 'male' : 'female';
      facts.patient.evidence = [t.index];
    }
  }
  return facts;
}
