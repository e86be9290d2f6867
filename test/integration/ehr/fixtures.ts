/** A test patient's record on the FHIR server: enough resources for paging, unknown codes and hostile text. */
type Json = Record<string, unknown>;

const LOINC = 'http://loinc.org';
const ref = (id: string) => ({ reference: `Patient/${id}` });
const clinical = (system: string, code: string) => ({
  coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }],
});

function obs(
  id: string,
  patient: string,
  loinc: string,
  name: string,
  value: number,
  unit: string,
  at: string,
  category = 'laboratory',
): Json {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: category }] }],
    code: { coding: [{ system: LOINC, code: loinc, display: name }] },
    subject: ref(patient),
    effectiveDateTime: at,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

export function patientRecord(patient = 'pat-1', now = new Date()): Json[] {
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
  return [
    {
      resourceType: 'Patient',
      id: patient,
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>Ada</div>',
      },
      name: [{ use: 'official', family: 'Lovelace<img src=x onerror=alert(1)>', given: ['Ada'] }],
      gender: 'female',
      birthDate: '1950-03-04',
    },
    {
      resourceType: 'AllergyIntolerance',
      id: 'al-1',
      patient: ref(patient),
      clinicalStatus: clinical('allergyintolerance-clinical', 'active'),
      verificationStatus: clinical('allergyintolerance-verification', 'confirmed'),
      code: {
        coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '7980', display: 'Penicillin G' }],
        text: 'penicillin',
      },
      reaction: [{ manifestation: [{ text: 'hives' }] }],
    },
    {
      resourceType: 'AllergyIntolerance',
      id: 'al-2',
      patient: ref(patient),
      clinicalStatus: clinical('allergyintolerance-clinical', 'inactive'),
      verificationStatus: clinical('allergyintolerance-verification', 'refuted'),
      code: { text: 'latex' },
    },
    {
      resourceType: 'MedicationRequest',
      id: 'mr-1',
      status: 'active',
      intent: 'order',
      subject: ref(patient),
      medicationCodeableConcept: {
        coding: [
          {
            system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
            code: '861007',
            display: 'Metformin hydrochloride 1000 MG Oral Tablet',
          },
        ],
      },
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: { value: 1000, unit: 'mg', code: 'mg' } }],
        },
      ],
    },
    {
      resourceType: 'MedicationRequest',
      id: 'mr-2',
      status: 'active',
      intent: 'order',
      subject: ref(patient),
      medicationCodeableConcept: { text: 'Lisinopril 10 MG Oral Tablet' },
    },
    {
      resourceType: 'MedicationRequest',
      id: 'mr-3',
      status: 'stopped',
      intent: 'order',
      subject: ref(patient),
      medicationCodeableConcept: { text: 'Atorvastatin 40 MG Oral Tablet' },
    },
    {
      resourceType: 'MedicationStatement',
      id: 'ms-1',
      status: 'active',
      subject: ref(patient),
      medicationCodeableConcept: { coding: [{ system: 'urn:local:formulary', code: 'HRB-77' }] },
    },
    {
      resourceType: 'Condition',
      id: 'c-1',
      subject: ref(patient),
      clinicalStatus: clinical('condition-clinical', 'active'),
      code: {
        coding: [
          {
            system: 'http://hl7.org/fhir/sid/icd-10-cm',
            code: 'E11.9',
            display: 'Type 2 diabetes mellitus without complications',
          },
        ],
      },
    },
    {
      resourceType: 'Condition',
      id: 'c-2',
      subject: ref(patient),
      clinicalStatus: clinical('condition-clinical', 'active'),
      code: { text: 'Chronic kidney disease stage 4 <b onmouseover="x()">(local)</b>' },
    },
    {
      resourceType: 'Condition',
      id: 'c-3',
      subject: ref(patient),
      clinicalStatus: clinical('condition-clinical', 'resolved'),
      code: { text: 'Appendicitis' },
    },
    obs('o-1', patient, '98979-8', 'eGFR CKD-EPI 2021', 25, 'mL/min/{1.73_m2}', days(3)),
    obs('o-2', patient, '98979-8', 'eGFR CKD-EPI 2021', 61, 'mL/min/{1.73_m2}', days(200)),
    obs('o-3', patient, '14682-9', 'Creatinine [Moles/volume] in Serum or Plasma', 221, 'umol/L', days(3)),
    obs('o-4', patient, '2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 5.4, 'mmol/L', days(3)),
    obs(
      'o-5',
      patient,
      '59261-8',
      'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol',
      64,
      'mmol/mol',
      days(30),
    ),
    obs('o-6', patient, '8867-4', 'Heart rate', 88, '/min', days(3), 'vital-signs'),
  ];
}

/** Another patient on the same server: nothing of theirs may show up in pat-1's context. */
export function otherPatient(): Json[] {
  return [
    { resourceType: 'Patient', id: 'pat-2', name: [{ text: 'Other Person' }], gender: 'male', birthDate: '1980-01-01' },
    {
      resourceType: 'AllergyIntolerance',
      id: 'al-9',
      patient: { reference: 'Patient/pat-2' },
      code: { text: 'sulfa' },
    },
  ];
}
