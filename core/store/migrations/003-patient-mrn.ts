import type { Migration } from './types.js';

/**
 * The patient's medical record number (PHI: shown to the signed-in user, never logged or audited). Nullable: patients
 * stored before it, and ones created without an MRN, have none. Indexed because new encounters look patients up by it.
 */
export const m003PatientMrn: Migration = {
  version: 3,
  name: 'patient-mrn',
  up(db) {
    db.exec(`
      ALTER TABLE patients ADD COLUMN mrn TEXT;
      CREATE INDEX patients_mrn ON patients(mrn) WHERE mrn IS NOT NULL;
      CREATE INDEX patients_label ON patients(label);
    `);
  },
};
