/**
 * Safety rules added by issue 13, read from the visit's facts: drugs considered despite (or instead of) an allergy,
 * drug–disease and drug–procedure cautions, medication reconciliation against the record, and the pregnancy check.
 */
import { readMention } from '../clinical/assertion.js';
import type { ClinicalFacts } from '../clinical/index.js';
import type { PatientContext } from './context.js';
import { drugKeys, escapeRe, nameKey, resolveDrug, type KnowledgeBase } from './knowledge.js';
import { toMg, type DrugMention, type DrugState } from './mentions.js';
import {
  aboutRelative,
  assertion,
  cap,
  clauseAround,
  findAsserted,
  negatedAt,
  uniqSorted,
  type Prepared,
} from './text.js';
import type { Hint, HintSeverity } from './types.js';

type Id = (kind: Hint['kind'], key: string) => string;
type TurnsText = (ev: number[]) => string;

const CONSIDER_RE =
  /\b(?:despite|even though|regardless of|instead of|rather than|in place of|consider\w*|might|may (?:need|want|have to)|could (?:try|use|give|start|do)|options?|alternatives?|switch\w* (?:you |her |him )?(?:over )?to|go with)\b/;
const REPLACED_BEFORE =
  /\b(?:instead of|rather than|in place of|switch\w* (?:you |her |him )?(?:off|from))\s+(?:the |your |his |her )?$/;
const ALLERGEN_BEFORE =
  /\b(?:allergic (?:reaction )?to|allerg(?:y|ies) to|reactions? to|intolerant (?:of|to))\s+(?:the )?$/;
const STOP_BEFORE = /\b(?:stop|avoid|hold|not (?:give|use|prescribe|start)|no more|never)\b[^,.;]{0,20}$/;

/**
 * Drugs the doctor considers or proposes without a firm start ("we may need to consider aspirin despite your
 * allergy", "clindamycin instead of the penicillin"): the allergy check must see them too. The drug being replaced
 * ("instead of penicillin") and the allergen itself are not considered.
 */
export function consideredDrugs(kb: KnowledgeBase, p: Prepared, current: DrugState[]): DrugState[] {
  const have = new Set(current.map((d) => d.drug));
  const out = new Map<string, DrugState>();
  for (const s of p.sentences) {
    if (s.speaker !== 'doctor' || s.question || !CONSIDER_RE.test(s.text)) continue;
    for (const m of kb.drugIndex.find(s.text)) {
      const drug = resolveDrug(kb, m.key);
      if (!drug || have.has(drug)) continue;
      const head = s.text.slice(Math.max(0, m.at - 40), m.at);
      if (REPLACED_BEFORE.test(head) || ALLERGEN_BEFORE.test(head) || STOP_BEFORE.test(head)) continue;
      if (negatedAt(s.text, m.at, m.end) || aboutRelative(s.text, m.at)) continue;
      const { before, after } = clauseAround(s.text, m.at, m.end);
      if (!CONSIDER_RE.test(`${before} ${after}`) && !CONSIDER_RE.test(s.text.slice(m.end, m.end + 40))) continue;
      const st = out.get(drug) ?? {
        drug,
        origin: 'transcript' as const,
        current: false,
        started: false,
        considered: true,
        evidence: [],
        doseMg: null,
        perDay: null,
        weeklyOnly: false,
      };
      st.evidence = uniqSorted([...st.evidence, s.turn]);
      out.set(drug, st);
    }
  }
  return [...out.values()];
}

// ---------------------------------------------------------------------------------------------------------------

/** The patient's conditions: assessed or extracted problems, past medical history, the record's conditions. */
function conditionEvidence(
  p: Prepared,
  facts: ClinicalFacts | undefined,
  ctx: PatientContext | undefined,
  words: string[],
): { evidence: number[]; fromContext: boolean; said: string } | null {
  const keys = words.map(nameKey);
  const match = (name: string) => keys.find((k) => ` ${nameKey(name)} `.includes(` ${k} `));
  const ev: number[] = [];
  let said = '';
  for (const pr of facts?.problems ?? []) {
    if ((pr.assertion ?? (pr.negated ? 'absent' : 'present')) !== 'present' || pr.subject !== 'patient') continue;
    if (pr.experiencer && pr.experiencer !== 'patient') continue;
    if (!match(pr.name)) continue;
    ev.push(...pr.evidence);
    said ||= pr.name;
  }
  for (const h of facts?.history ?? []) {
    if (h.kind !== 'medical' || h.negated || h.subject !== 'patient') continue;
    if (h.experiencer && h.experiencer !== 'patient') continue;
    if (h.assertion && h.assertion !== 'present') continue;
    if (!match(h.name)) continue;
    ev.push(...h.evidence);
    said ||= h.name;
  }
  // Said in the visit for the patient (not a relative's, not denied, not advice): "i have ckd stage 3".
  const re = new RegExp(`\\b(?:${keys.map((k) => escapeRe(k).replace(/ /g, '\\s+')).join('|')})\\b`);
  for (const t of findAsserted(p, [re])) {
    const s = (p.byTurn.get(t) ?? []).find((x) => re.test(x.text));
    if (!s) continue;
    const m = re.exec(s.text)!;
    const r = readMention({ lower: s.text, speaker: s.speaker }, m.index, m.index + m[0].length);
    if (r.experiencer !== 'patient' || r.assertion !== 'present') continue;
    ev.push(t);
    said ||= m[0];
  }
  if (ev.length) return { evidence: uniqSorted(ev), fromContext: false, said };
  const c = (ctx?.conditions ?? []).find((x) => match(x.name));
  return c ? { evidence: [], fromContext: true, said: c.name } : null;
}

export function drugDiseaseHints(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  ctx: PatientContext | undefined,
  drugs: DrugState[],
  egfr: { value: number; evidence: number[]; origin: 'transcript' | 'context' } | undefined,
  id: Id,
  turnsText: TurnsText,
): Hint[] {
  const out: Hint[] = [];
  const keysOf = new Map(drugs.map((d) => [d.drug, drugKeys(kb, d.drug)]));
  for (const rule of kb.drugDisease) {
    const hit = drugs.filter((d) => rule.drugs.some((k) => keysOf.get(d.drug)!.has(k)));
    if (!hit.length) continue;
    let why: string | null = null;
    let ev: number[] = [];
    if (rule.orderRe.length) {
      const orders: number[] = [];
      for (const s of p.sentences) {
        if (s.speaker !== 'doctor') continue;
        for (const re of rule.orderRe) {
          const m = re.exec(s.text);
          if (m && assertion(p, s, m.index, m.index + m[0].length).asserted) orders.push(s.turn);
        }
      }
      if (orders.length) {
        ev = uniqSorted(orders);
        why = `a planned study with iodinated contrast (${turnsText(ev)})`;
      }
    }
    if (!why && rule.problems?.length) {
      const c = conditionEvidence(p, facts, ctx, rule.problems);
      if (c) {
        ev = c.evidence;
        why = `${c.said} (${c.fromContext ? 'conditions in the record' : turnsText(c.evidence)})`;
      }
    }
    if (!why && rule.egfrBelow !== undefined && egfr && egfr.value < rule.egfrBelow) {
      ev = egfr.evidence;
      why = `eGFR ${egfr.value} (${egfr.origin === 'context' ? 'labs in the record' : turnsText(egfr.evidence)}), below ${rule.egfrBelow}`;
    }
    if (!why) continue;
    for (const d of hit) {
      const state = d.considered ? 'considered' : d.started ? 'started this visit' : 'current';
      const dWhere = d.evidence.length ? `${turnsText(d.evidence)}` : 'medication list in the record';
      out.push({
        id: id('drug-disease', `${rule.id}:${d.drug}`),
        kind: 'drug-disease',
        severity: rule.severity,
        title: `${cap(d.drug)}: ${/^[A-Z][a-z]/.test(rule.title) ? rule.title.charAt(0).toLowerCase() + rule.title.slice(1) : rule.title}`,
        basis: `Found ${d.drug} (${state}, ${dWhere}) and ${why}. ${rule.effect}. ${rule.consider}.`,
        source: rule.source,
        evidence: uniqSorted([...d.evidence, ...ev]),
        drugs: [d.drug],
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

const CHANGE_RE =
  /\b(?:increas\w*|decreas\w*|lower\w*|reduc\w*|rais\w*|bump\w*|go(?:ing)? up|go(?:ing)? down|up (?:it|the dose|you)|chang\w*|switch\w*|adjust\w*|titrat\w*|doubl\w*|cut (?:it|the dose|back)|new dose|to \d)\b/;

const ANSWER_DOSE = /\b(\d+(?:\.\d+)?)\s*(mg|milligrams?|mcg|micrograms?|g)\b/;

function fmtMg(mg: number): string {
  return mg < 1 ? `${Math.round(mg * 1000)} mcg` : `${Math.round(mg * 100) / 100} mg`;
}

/** A dose said today that differs from the dose on the record's medication list. */
export function reconciliationHints(
  kb: KnowledgeBase,
  p: Prepared,
  mentions: DrugMention[],
  ctx: PatientContext | undefined,
  id: Id,
  turnsText: TurnsText,
): Hint[] {
  const out: Hint[] = [];
  for (const entry of ctx?.medications ?? []) {
    const cm: { name: string; dose?: number; unit?: string; status?: string } = entry;
    if (cm.status === 'stopped' || cm.dose === undefined) continue;
    const drug = resolveDrug(kb, cm.name);
    if (!drug) continue;
    const listed = toMg(cm.dose, cm.unit ?? 'mg');
    const said = mentions.filter(
      (m) =>
        m.drug === drug && (m.status === 'current' || m.status === 'start') && m.doseMg !== null && m.doseMg !== listed,
    );
    // "How are you doing on the lisinopril?" "Fine, I take 20 mg every morning.": the dose is in the answer.
    for (const m of mentions) {
      if (m.drug !== drug || m.doseMg !== null) continue;
      const q = (p.byTurn.get(m.turn) ?? []).find((s) => s.question && s.speaker === 'doctor');
      const answer = q
        ? p.byTurn.get(m.turn + 1)?.find((s) => s.speaker !== 'doctor' && ANSWER_DOSE.test(s.text))
        : undefined;
      if (!answer || kb.drugIndex.find(answer.text).length) continue;
      const d = ANSWER_DOSE.exec(answer.text)!;
      const mg = toMg(Number(d[1]), d[2]!);
      if (mg !== listed)
        said.push({ ...m, status: 'current', doseMg: mg, evidence: [m.turn, answer.turn], turn: answer.turn });
    }
    if (!said.length) continue;
    const last = said[said.length - 1]!;
    const texts = said.flatMap((m) => (p.byTurn.get(m.turn) ?? []).map((s) => s.text));
    const intended = last.status === 'start' || texts.some((t) => CHANGE_RE.test(t));
    const severity: HintSeverity = intended ? 'info' : 'warning';
    const ev = uniqSorted(said.flatMap((m) => m.evidence));
    out.push({
      id: id('medication-reconciliation', drug),
      kind: 'medication-reconciliation',
      severity,
      title: `${cap(drug)}: ${fmtMg(last.doseMg!)} said today, ${fmtMg(listed)} on the medication list`,
      basis: intended
        ? `${cap(drug)} ${fmtMg(last.doseMg!)} in ${turnsText(ev)} is a dose change from ${fmtMg(listed)} on the record's medication list. Consider updating the list when the change is signed.`
        : `${cap(drug)} ${fmtMg(last.doseMg!)} in ${turnsText(ev)} differs from ${fmtMg(listed)} on the record's medication list, and no change was said. Consider confirming which dose the patient takes and reconciling the list.`,
      source:
        'The Joint Commission National Patient Safety Goal NPSG.03.06.01 (maintain and communicate accurate patient medication information); WHO High 5s medication reconciliation SOP',
      evidence: ev,
      drugs: [drug],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** A drug with a pregnancy warning started for a woman who may be pregnant or could become pregnant. */
export function pregnancyHints(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  ctx: PatientContext | undefined,
  drugs: DrugState[],
  id: Id,
  turnsText: TurnsText,
): Hint[] {
  const preg = kb.pregnancy;
  const sex = ctx?.sex ?? facts?.patient.sex ?? null;
  if (sex !== 'female') return [];
  const age = ctx?.age ?? facts?.patient.age ?? null;
  const discussed = p.sentences.filter((s) => preg.discussedRe.some((re) => re.test(s.text))).map((s) => s.turn);
  if (age !== null ? age < 12 || age > 50 : !discussed.length) return [];
  if (preg.excludedRe.some((re) => re.test(p.all))) return [];
  const possible = p.sentences
    .filter((s) =>
      preg.possibleRe.some((re) => {
        const m = re.exec(s.text);
        return !!m && !negatedAt(s.text, m.index, m.index + m[0].length) && !aboutRelative(s.text, m.index);
      }),
    )
    .map((s) => s.turn);
  const out: Hint[] = [];
  for (const d of drugs) {
    if (!d.started && !d.considered) continue;
    const keys = drugKeys(kb, d.drug);
    const w = preg.warnings
      .filter((x) => keys.has(x.target))
      .sort((a, b) => (a.severity === 'critical' ? -1 : 0) - (b.severity === 'critical' ? -1 : 0))[0];
    if (!w) continue;
    const severity: HintSeverity = possible.length ? 'critical' : w.severity;
    const who = age !== null ? `a ${age}-year-old woman` : 'a woman of child-bearing potential';
    const status = possible.length
      ? `A possible pregnancy was mentioned (${turnsText(uniqSorted(possible))}).`
      : discussed.length
        ? `Periods, contraception or pregnancy came up (${turnsText(uniqSorted(discussed))}); no negative test or exclusion was said.`
        : 'No pregnancy status, last period or contraception was said.';
    out.push({
      id: id('pregnancy-check', d.drug),
      kind: 'pregnancy-check',
      severity,
      title: `${cap(d.drug)} for ${who}: pregnancy check`,
      basis: `${cap(d.drug)} (${d.considered ? 'considered' : 'started this visit'}, ${turnsText(d.evidence)}): ${w.note}. ${status} Consider confirming pregnancy status (and contraception) before prescribing.`,
      source: `${w.source}; ${preg.source}`,
      evidence: uniqSorted([...d.evidence, ...possible]),
      drugs: [d.drug],
    });
  }
  return out;
}
