/**
 * How the hints panel orders and groups hints (issue 13): safety alerts first in their own group, then
 * documentation gaps, then diagnosis codes as compact lines; and "Add to A&P", which writes a code on its problem's
 * line of the assessment section.
 */
import type { DraftSection, HintInfo } from './types';
import { joinSentences } from './note-text';

export type HintGroup = 'safety' | 'documentation' | 'code';

export const GROUP_TITLES: Record<HintGroup, string> = {
  safety: 'Safety alerts',
  documentation: 'Documentation',
  code: 'Diagnosis codes',
};

export function groupOf(h: HintInfo): HintGroup {
  if (h.kind === 'diagnosis-code') return 'code';
  if (h.kind === 'missing-documentation') return 'documentation';
  return 'safety';
}

const SEVERITY = { critical: 0, warning: 1, info: 2 } as const;
const GROUPS: HintGroup[] = ['safety', 'documentation', 'code'];

/** Hints in display order: group, then severity, keeping the engine's order within. */
export function ordered(items: HintInfo[]): HintInfo[] {
  return items
    .map((h, i) => ({ h, i }))
    .sort(
      (a, b) =>
        GROUPS.indexOf(groupOf(a.h)) - GROUPS.indexOf(groupOf(b.h)) ||
        SEVERITY[a.h.severity] - SEVERITY[b.h.severity] ||
        a.i - b.i,
    )
    .map((x) => x.h);
}

/** The note's assessment section: by id, then by a title naming the assessment or diagnoses. */
export function assessmentSection(sections: DraftSection[]): DraftSection | undefined {
  return (
    sections.find((s) => /^(?:ap|assessment|assessment-plan|assessment_plan)$/.test(s.id)) ??
    sections.find((s) => /assessment|diagnos/i.test(s.title))
  );
}

/**
 * The section text with the code on the problem's line: after the first sentence or line naming the problem, or as
 * a new line at the end when no line names it. A code already in the text is not added twice.
 */
export function withCode(text: string, code: string, description: string, problem: string | undefined): string {
  if (text.includes(code)) return text;
  const tag = `(ICD-10-CM ${code})`;
  const name = (problem ?? '').trim().toLowerCase();
  if (name) {
    const lower = text.toLowerCase();
    const at = lower.indexOf(name);
    if (at >= 0) {
      const rest = text.slice(at);
      const end = /[.!?](?=\s|$)|\n/.exec(rest);
      const cut = at + (end ? end.index : rest.length);
      return `${text.slice(0, cut)} ${tag}${text.slice(cut)}`;
    }
  }
  const line = `${problem ? problem.charAt(0).toUpperCase() + problem.slice(1) : description} ${tag}.`;
  return text.trim() ? `${text.replace(/\s+$/, '')}\n${line}` : line;
}

/** The A&P text as shown: the clinician's edit, or the drafted sentences. */
export function sectionText(section: DraftSection, edited: string | undefined): string {
  return edited ?? joinSentences(section.sentences.map((x) => x.text));
}
