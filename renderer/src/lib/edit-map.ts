/**
 * Carrying the clinician's hand edits over to a draft made with another template (issue 17). Section ids differ
 * between templates (outpatient "hpi" is SOAP "subjective"), so an edit moves to the equivalent section of the new
 * draft; an edit with no equivalent is kept as "not placed" and shown to the clinician, never dropped silently.
 */
import type { DraftSection } from './types';

/** Built-in section ids holding the same content, most specific first: an edit goes to the first one present. */
const GROUPS: string[][] = [
  ['cc', 'reason', 'why'],
  ['hpi', 'subjective', 'interval', 'history', 'course'],
  ['exam', 'objective', 'findings', 'found', 'results'],
  ['ap', 'assessment', 'plan', 'diagnoses', 'diagnosis', 'followup', 'todo'],
];
/** Where a group's content goes when the new template has none of its sections (the complaint is subjective). */
const FALLBACK: Record<number, number> = { 0: 1 };

export interface UnplacedEdit {
  /** The section id and title of the template the edit was made in. */
  id: string;
  title: string;
  text: string;
}

export interface MappedEdits {
  edits: Record<string, string>;
  /** Edits that have no equivalent section in the new draft, in the order of the old note. */
  unplaced: UnplacedEdit[];
}

function targetOf(id: string, present: Set<string>): string | null {
  if (present.has(id)) return id;
  let g = GROUPS.findIndex((members) => members.includes(id));
  const seen = new Set<number>();
  while (g >= 0 && !seen.has(g)) {
    seen.add(g);
    const hit = GROUPS[g]!.find((m) => present.has(m));
    if (hit) return hit;
    g = FALLBACK[g] ?? -1;
  }
  return null;
}

/**
 * Maps edits made on `oldSections` onto `newSections`. Edits landing on the same section are joined with a blank
 * line, in the old note's order; edits of sections the old draft did not list are placed by id alone.
 */
export function mapEdits(
  edits: Record<string, string>,
  oldSections: DraftSection[],
  newSections: DraftSection[],
): MappedEdits {
  const present = new Set(newSections.map((s) => s.id));
  const order = [
    ...oldSections.map((s) => s.id),
    ...Object.keys(edits).filter((k) => !oldSections.some((s) => s.id === k)),
  ];
  const out: Record<string, string> = {};
  const unplaced: UnplacedEdit[] = [];
  for (const id of order) {
    const text = edits[id];
    if (text === undefined) continue;
    const target = targetOf(id, present);
    if (target === null) {
      if (text.trim()) unplaced.push({ id, title: oldSections.find((s) => s.id === id)?.title ?? id, text });
      continue;
    }
    out[target] = out[target] === undefined ? text : `${out[target]}\n\n${text}`;
  }
  return { edits: out, unplaced };
}
