/**
 * The hint rules: facts from the transcript (and the extractor) plus optional patient context → hints, de-duplicated
 * and ranked by severity. Every hint carries transcript evidence, or says in its basis that it rests on the context.
 */
import { createHash } from 'node:crypto';
import type { ClinicalFacts, Turn } from '../clinical/index.js';
import type { PatientContext } from './context.js';
import { drugKeys, escapeRe, nameKey, type Interaction, type KnowledgeBase } from './knowledge.js';
import {
  allergyFindings,
  currentDrugs,
  drugMentions,
  drugStates,
  kidneyFromTranscript,
  vitalReadings,
  type DrugState,
  type LabValue,
} from './mentions.js';
import {
  answerTo,
  assertion,
  cap,
  confirmedInTurns,
  findAsserted,
  polarity,
  prepare,
  uniqSorted,
  type Prepared,
} from './text.js';
import { readMention } from '../clinical/assertion.js';
import { codeHints } from './codes.js';
import { consideredDrugs, drugDiseaseHints, pregnancyHints, reconciliationHints } from './safety.js';
import { hintGroup, type Hint, type HintGroup, type HintKind, type HintSeverity } from './types.js';

const SEVERITY_RANK: Record<HintSeverity, number> = { critical: 0, warning: 1, info: 2 };
const KIND_RANK: Record<HintKind, number> = {
  'red-flag': 0,
  'allergy-conflict': 1,
  'drug-interaction': 2,
  'drug-disease': 3,
  'pregnancy-check': 4,
  'abnormal-vital': 5,
  'renal-dose': 6,
  'dose-range': 7,
  'medication-reconciliation': 8,
  'duplicate-therapy': 9,
  'missing-documentation': 10,
  'diagnosis-code': 11,
};
/** Safety alerts first, then documentation gaps, then codes (issue 13), each by severity. */
const GROUP_ORDER: Record<HintGroup, number> = { safety: 0, documentation: 1, code: 2 };
const GROUP_RANK = (k: HintKind) => GROUP_ORDER[hintGroup(k)];

export interface EngineInput {
  turns: readonly Turn[];
  facts?: ClinicalFacts | undefined;
  context?: PatientContext | undefined;
}

function hintId(kind: HintKind, key: string): string {
  return `${kind}-${createHash('sha256').update(`${kind}\u0000${key}`).digest('hex').slice(0, 12)}`;
}

/** Turns as a clinician counts them (1-based, as the UI and the CLI number them); `evidence` stays 0-based indices. */
function turnsText(ev: number[]): string {
  if (!ev.length) return 'the patient record (context)';
  const n = ev.map((i) => i + 1);
  return n.length === 1 ? `turn ${n[0]}` : `turns ${n.join(', ')}`;
}

function where(st: DrugState): string {
  const state = st.considered ? 'considered' : st.started ? 'started this visit' : 'current';
  return st.evidence.length
    ? `${st.drug} (${state}, ${turnsText(st.evidence)})`
    : `${st.drug} (medication list in the record)`;
}

function bump(sev: HintSeverity, to: HintSeverity): HintSeverity {
  return SEVERITY_RANK[to] < SEVERITY_RANK[sev] ? to : sev;
}

function dailyMg(st: DrugState): number | null {
  if (st.doseMg === null) return null;
  return st.doseMg * (st.perDay ?? 1);
}

// ---------------------------------------------------------------------------------------------------------------

function interactionHints(kb: KnowledgeBase, drugs: DrugState[]): Hint[] {
  const out: Hint[] = [];
  for (let i = 0; i < drugs.length; i++) {
    for (let j = i + 1; j < drugs.length; j++) {
      const d1 = drugs[i]!;
      const d2 = drugs[j]!;
      if (d1.drug === d2.drug) continue;
      const k1 = drugKeys(kb, d1.drug);
      const k2 = drugKeys(kb, d2.drug);
      let best: {
        rule: Interaction;
        specificity: number;
        severity: HintSeverity;
        aDrug: DrugState;
        note: string;
      } | null = null;
      const candidates = new Set<Interaction>();
      for (const k of [...k1, ...k2]) for (const r of kb.interactionsBy.get(k) ?? []) candidates.add(r);
      for (const r of candidates) {
        const forward = k1.has(r.a) && k2.has(r.b);
        const backward = k2.has(r.a) && k1.has(r.b);
        if (!forward && !backward) continue;
        const aDrug = forward ? d1 : d2;
        let severity = r.severity;
        let note = '';
        if (r.aMinDailyMg !== undefined) {
          const mg = dailyMg(aDrug);
          if (mg !== null && mg <= r.aMinDailyMg) continue;
          if (mg === null) {
            severity = 'info';
            note = ` Applies above ${r.aMinDailyMg} mg/day of ${aDrug.drug}; the dose was not stated.`;
          }
        }
        const specificity =
          (r.a === aDrug.drug ? 2 : 0) + (r.b === (forward ? d2 : d1).drug ? 2 : 0) + (r.a === r.b ? -1 : 0);
        const better =
          !best ||
          specificity > best.specificity ||
          (specificity === best.specificity && SEVERITY_RANK[severity] < SEVERITY_RANK[best.severity]);
        if (better) best = { rule: r, specificity, severity, aDrug, note };
      }
      if (!best) continue;
      const names = [d1.drug, d2.drug].sort();
      const r = best.rule;
      out.push({
        id: hintId('drug-interaction', names.join('+')),
        kind: 'drug-interaction',
        severity: best.severity,
        title: `${cap(names[0]!)} + ${names[1]}: ${shortEffect(r.effect)}`,
        basis: `Found ${where(d1)} and ${where(d2)}. ${r.effect}. ${r.consider}.${best.note}`,
        source: r.source,
        evidence: uniqSorted([...d1.evidence, ...d2.evidence]),
        drugs: names,
      });
    }
  }
  return out;
}

function shortEffect(effect: string): string {
  const first = effect.split(/[:;(,]/)[0]!.trim();
  return first.length > 70 ? `${first.slice(0, 67)}...` : first.charAt(0).toLowerCase() + first.slice(1);
}

function duplicateHints(kb: KnowledgeBase, drugs: DrugState[]): Hint[] {
  const out: Hint[] = [];
  for (const rule of kb.duplicates) {
    const members = drugs.filter((d) =>
      rule.class ? (kb.drugs.get(d.drug)?.classes ?? []).includes(rule.class) : (rule.drugs ?? []).includes(d.drug),
    );
    if (members.length < 2) continue;
    const names = members.map((m) => m.drug).sort();
    const label = rule.class
      ? (kb.classes.get(rule.class)?.name ?? rule.class).toLowerCase()
      : 'acetaminophen-containing products';
    out.push({
      id: hintId('duplicate-therapy', `${rule.id}:${names.join('+')}`),
      kind: 'duplicate-therapy',
      severity: rule.severity,
      title: `Two ${label}: ${names.join(', ')}`,
      basis: `Found ${members.map(where).join(' and ')}. ${rule.why} Consider whether both are intended.`,
      source: rule.source,
      evidence: uniqSorted(members.flatMap((m) => m.evidence)),
      drugs: names,
    });
  }
  return out;
}

function allergyHints(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  ctx: PatientContext | undefined,
  current: DrugState[],
): { hints: Hint[]; documented: boolean } {
  const found = allergyFindings(kb, p, facts, ctx?.allergies);
  const out: Hint[] = [];
  const groups = new Map(kb.allergyGroups.map((g) => [g.id, g]));
  // Drugs the doctor considers "despite" the allergy or "instead of" the allergen are checked too.
  const drugs = found.allergies.length ? [...current, ...consideredDrugs(kb, p, current)] : current;
  for (const d of drugs) {
    if (found.tolerated.has(d.drug)) continue;
    const keys = drugKeys(kb, d.drug);
    let best: {
      sev: HintSeverity;
      note: string;
      allergy: (typeof found.allergies)[number];
      source: string;
      group: string;
    } | null = null;
    for (const a of found.allergies) {
      if (a.drug === d.drug) {
        const sev: HintSeverity = 'critical';
        if (!best || SEVERITY_RANK[sev] < SEVERITY_RANK[best.sev])
          best = {
            sev,
            note: 'the same drug as the stated allergy',
            allergy: a,
            source: groups.get(a.groups[0] ?? '')?.source ?? kb.drugs.get(d.drug)!.source,
            group: a.said,
          };
        continue;
      }
      for (const gid of a.groups) {
        const g = groups.get(gid);
        if (!g) continue;
        for (const c of g.conflicts) {
          if (!keys.has(c.target)) continue;
          if (!best || SEVERITY_RANK[c.severity] < SEVERITY_RANK[best.sev])
            best = { sev: c.severity, note: c.note, allergy: a, source: g.source, group: g.name };
        }
      }
    }
    if (!best) continue;
    const a = best.allergy;
    const allergyWhere = a.origin === 'context' ? 'the allergy list in the record' : turnsText(a.evidence);
    out.push({
      id: hintId('allergy-conflict', `${d.drug}:${a.said}`),
      kind: 'allergy-conflict',
      severity: best.sev,
      title: `${cap(d.drug)} with a stated ${a.said} allergy`,
      basis: `Allergy to ${a.said} (${allergyWhere}); ${where(d)}: ${best.note}. Consider confirming the reaction history and an alternative if needed.`,
      source: best.source,
      evidence: uniqSorted([...a.evidence, ...d.evidence]),
      drugs: [d.drug],
    });
  }
  // Orders that clash with an allergy (iodinated contrast, latex).
  for (const a of found.allergies) {
    for (const gid of a.groups) {
      const g = groups.get(gid);
      if (!g || !g.orderRe.length) continue;
      const ev: number[] = [];
      for (const s of p.sentences) {
        if (s.speaker !== 'doctor') continue;
        for (const re of g.orderRe) {
          const m = re.exec(s.text);
          if (m && assertion(p, s, m.index, m.index + m[0].length).asserted) ev.push(s.turn);
        }
      }
      if (!ev.length) continue;
      const c = g.conflicts[0]!;
      out.push({
        id: hintId('allergy-conflict', `order:${g.id}`),
        kind: 'allergy-conflict',
        severity: c.severity,
        title: `${g.name} and a planned ${g.id === 'latex' ? 'procedure' : 'contrast study'}`,
        basis: `Allergy to ${a.said} (${a.origin === 'context' ? 'the allergy list in the record' : turnsText(a.evidence)}); order in ${turnsText(uniqSorted(ev))}: ${c.note}.`,
        source: g.source,
        evidence: uniqSorted([...a.evidence, ...ev]),
      });
    }
  }
  return { hints: out, documented: found.statusDocumented };
}

function renalHints(kb: KnowledgeBase, p: Prepared, ctx: PatientContext | undefined, drugs: DrugState[]): Hint[] {
  const heard = kidneyFromTranscript(p);
  const egfr: LabValue | undefined =
    ctx?.labs?.egfr !== undefined ? { value: ctx.labs.egfr, origin: 'context', evidence: [] } : heard.egfr;
  const crcl: LabValue | undefined =
    ctx?.labs?.crcl !== undefined ? { value: ctx.labs.crcl, origin: 'context', evidence: [] } : heard.crcl;
  if (!egfr && !crcl) return [];
  const out: Hint[] = [];
  for (const d of drugs) {
    const keys = drugKeys(kb, d.drug);
    const rules = kb.renal.filter((r) => keys.has(r.drug));
    let chosen: {
      rule: (typeof rules)[number];
      lab: LabValue;
      label: string;
      severity: HintSeverity;
      note: string;
    } | null = null;
    for (const rule of rules.sort((a, b) => a.below - b.below)) {
      const lab = rule.measure === 'crcl' ? (crcl ?? egfr) : (egfr ?? crcl);
      if (!lab || lab.value >= rule.below) continue;
      const label = lab === crcl ? 'CrCl' : 'eGFR';
      let severity = rule.severity;
      let note = '';
      if (rule.maxDailyMg !== undefined) {
        const mg = dailyMg(d);
        if (mg !== null && mg <= rule.maxDailyMg) continue;
        if (mg === null) {
          severity = 'info';
          note = ' The dose was not stated: consider confirming it.';
        }
      }
      if (label.toLowerCase() !== rule.measure)
        note += ` (The rule is written for ${rule.measure === 'crcl' ? 'CrCl' : 'eGFR'}; ${label} was used.)`;
      chosen = { rule, lab, label, severity, note };
      break;
    }
    if (!chosen) continue;
    const labWhere = chosen.lab.origin === 'context' ? 'labs in the record' : turnsText(chosen.lab.evidence);
    out.push({
      id: hintId('renal-dose', `${d.drug}:${chosen.rule.id}`),
      kind: 'renal-dose',
      severity: chosen.severity,
      title: `${cap(d.drug)} at ${chosen.label} ${chosen.lab.value}`,
      basis: `${chosen.label} ${chosen.lab.value} (${labWhere}), below ${chosen.rule.below}; ${where(d)}. ${chosen.rule.action}${chosen.note}`,
      source: chosen.rule.source,
      evidence: uniqSorted([...chosen.lab.evidence, ...d.evidence]),
      drugs: [d.drug],
    });
  }
  return out;
}

function doseHints(kb: KnowledgeBase, drugs: DrugState[]): Hint[] {
  const out: Hint[] = [];
  for (const d of drugs) {
    const r = kb.doseRanges.get(d.drug);
    if (!r || d.doseMg === null || d.origin === 'context') continue;
    const fmt = (mg: number) => (mg < 1 ? `${Math.round(mg * 1000)} mcg` : `${Math.round(mg * 100) / 100} mg`);
    let problem: string | null = null;
    if (r.weekly && d.perDay !== null && !d.weeklyOnly)
      problem = `${d.drug} is dosed once weekly for most indications, but a daily schedule was stated`;
    else if (d.doseMg > r.maxSingleMg)
      problem = `a single dose of ${fmt(d.doseMg)} is above the usual maximum of ${fmt(r.maxSingleMg)}`;
    else if (!r.weekly && d.perDay !== null && d.doseMg * d.perDay > r.maxDailyMg)
      problem = `${fmt(d.doseMg)} ${d.perDay} times a day (${fmt(d.doseMg * d.perDay)}/day) is above the usual maximum of ${fmt(r.maxDailyMg)}/day`;
    if (!problem) continue;
    out.push({
      id: hintId('dose-range', d.drug),
      kind: 'dose-range',
      severity: 'warning',
      title: `${cap(d.drug)} dose above the usual range`,
      basis: `Found ${where(d)}: ${problem}. Consider confirming the intended dose.`,
      source: r.source,
      evidence: d.evidence,
      drugs: [d.drug],
    });
  }
  return out;
}

function vitalHints(kb: KnowledgeBase, p: Prepared, facts: ClinicalFacts | undefined): Hint[] {
  const readings = vitalReadings(p, facts);
  const out: Hint[] = [];
  for (const [kind, r] of readings) {
    const rules = kb.vitals.filter((v) => v.kind === kind);
    const hit = rules
      .filter((rule) => {
        const t = rule.test;
        if (kind === 'bp')
          return (
            (t.systolicAtLeast !== undefined &&
              (r.value >= t.systolicAtLeast ||
                (t.diastolicAtLeast !== undefined && r.value2 !== null && r.value2 >= t.diastolicAtLeast))) ||
            (t.systolicBelow !== undefined && r.value < t.systolicBelow)
          );
        if (kind === 'temp')
          return (t.atLeastC !== undefined && r.value >= t.atLeastC) || (t.belowC !== undefined && r.value < t.belowC);
        return (t.above !== undefined && r.value > t.above) || (t.below !== undefined && r.value < t.below);
      })
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
    if (!hit) continue;
    const shown =
      kind === 'bp'
        ? `${r.value}/${r.value2 ?? '?'} mmHg`
        : kind === 'temp'
          ? `${r.value} °C`
          : kind === 'spo2'
            ? `${r.value} %`
            : `${r.value}/min`;
    out.push({
      id: hintId('abnormal-vital', `${hit.id}`),
      kind: 'abnormal-vital',
      severity: hit.severity,
      title: `${hit.title}: ${shown}`,
      basis: `Latest reading ${shown} (${turnsText(r.evidence)}). ${hit.why} Consider rechecking and assessing.`,
      source: hit.source,
      evidence: r.evidence,
    });
  }
  return out;
}

/**
 * Keeps the turns where the finding is the patient's own and new: the fact model's reader must name the patient as
 * experiencer ("another brother committed suicide" is not), and none of the flag's `unless` patterns may date it
 * ("weakness on my right side after the stroke in 2002"). An answer turn stays with its kept question.
 */
const RELATIVE_WORD =
  /\b(?:mother|mom|father|dad|sister|brother|wife|husband|son|daughter|aunt|uncle|grandmother|grandfather|grandma|grandpa|cousin|friend|niece|nephew)\b/;

function ownFinding(p: Prepared, f: KnowledgeBase['redFlags'][number], turns: number[]): number[] {
  const kept = new Set<number>();
  for (const t of turns) {
    const ss = (p.byTurn.get(t) ?? []).filter((s) => f.anyRe.some((re) => re.test(s.text)));
    if (!ss.length) {
      if (kept.has(t - 1)) kept.add(t);
      continue;
    }
    const all = p.byTurn.get(t) ?? [];
    const own = ss.some((s) =>
      f.anyRe.some((re) => {
        const m = re.exec(s.text);
        if (!m || f.unlessRe.some((u) => u.test(s.text))) return false;
        // An earlier sentence of the turn naming a relative resolves "she" ("i have one sister. she is 38. she
        // attempted suicide"); otherwise the sentence just before.
        const earlier = all.slice(0, all.indexOf(s));
        const before = /^(?:and |but |so )?(?:she|he|they)\b/.test(s.text)
          ? ([...earlier].reverse().find((x) => RELATIVE_WORD.test(x.text)) ?? earlier[earlier.length - 1])
          : earlier[earlier.length - 1];
        const prev = before ? { lower: before.text, speaker: before.speaker } : undefined;
        const r = readMention({ lower: s.text, speaker: s.speaker }, m.index, m.index + m[0].length, prev);
        return r.experiencer === 'patient';
      }),
    );
    if (own) kept.add(t);
  }
  return turns.filter((t) => kept.has(t));
}

function redFlagHints(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  ctx: PatientContext | undefined,
): Hint[] {
  const out: Hint[] = [];
  const fired = new Map<string, Hint>();
  let vitals: ReturnType<typeof vitalReadings> | undefined;
  for (const f of kb.redFlags) {
    const primary = ownFinding(p, f, findAsserted(p, f.anyRe));
    if (!primary.length) continue;
    let evidence = primary;
    const found: string[] = [];
    if (f.withRe.length) {
      const w = f.window ?? 1;
      const support = findAsserted(p, f.withRe);
      const near = support.filter((s) => primary.some((t) => Math.abs(t - s) <= w));
      // "with" words in the same sentence as the finding count even when the clause grammar hides them.
      const same = primary.filter((t) =>
        (p.byTurn.get(t) ?? []).some(
          (s) => f.anyRe.some((re) => re.test(s.text)) && f.withRe.some((re) => re.test(s.text)),
        ),
      );
      if (!near.length && !same.length) continue;
      evidence = uniqSorted([
        ...primary.filter((t) => same.includes(t) || near.some((s) => Math.abs(t - s) <= w)),
        ...near,
      ]);
    }
    if (f.featureRe.length || f.vitalFeatures || f.ageFeatureAtLeast !== undefined) {
      // A pattern: the finding plus enough of its features, each present for the patient now.
      const w = f.window;
      const inWindow = (t: number) => w === undefined || primary.some((x) => Math.abs(x - t) <= w);
      const featEv: number[] = [];
      let findings = 0;
      for (const feat of f.featureRe) {
        const ev = findAsserted(p, feat.re).filter((t) => feat.risk || inWindow(t));
        if (!ev.length) continue;
        found.push(feat.name);
        if (!feat.risk) findings++;
        featEv.push(...ev.filter((t) => !feat.risk || inWindow(t)));
      }
      const age = ctx?.age ?? facts?.patient.age ?? null;
      if (f.ageFeatureAtLeast !== undefined && age !== null && age >= f.ageFeatureAtLeast) found.push(`age ${age}`);
      if (f.vitalFeatures) {
        vitals ??= vitalReadings(p, facts);
        const v = f.vitalFeatures;
        const add = (name: string, ev: number[]) => {
          found.push(name);
          findings++;
          featEv.push(...ev);
        };
        const rr = vitals.get('rr');
        if (v.rrAtLeast !== undefined && rr && rr.value >= v.rrAtLeast)
          add(`respiratory rate ${rr.value}`, rr.evidence);
        const bp = vitals.get('bp');
        if (v.sbpAtMost !== undefined && bp && bp.value <= v.sbpAtMost) add(`systolic BP ${bp.value}`, bp.evidence);
        const hr = vitals.get('hr');
        if (v.hrAbove !== undefined && hr && hr.value > v.hrAbove) add(`heart rate ${hr.value}`, hr.evidence);
        const t = vitals.get('temp');
        if (v.tempAtLeastC !== undefined && t && t.value >= v.tempAtLeastC)
          add(`temperature ${t.value} °C`, t.evidence);
      }
      if (findings < (f.minFindings ?? 1) || found.length < (f.minFeatures ?? 1)) continue;
      evidence = uniqSorted([...evidence, ...featEv]);
    }
    const withWhat = found.length ? ` With ${found.join('; ')}.` : '';
    const h: Hint = {
      id: hintId('red-flag', f.id),
      kind: 'red-flag',
      severity: f.severity,
      title: f.title,
      basis: `Mentioned in ${turnsText(evidence)}.${withWhat} ${f.why} Consider assessing this during the visit.`,
      source: f.source,
      evidence,
      ...(f.codes.length ? { codes: f.codes } : {}),
    };
    fired.set(f.id, h);
    out.push(h);
  }
  const superseded = new Set(kb.redFlags.filter((f) => fired.has(f.id)).flatMap((f) => f.supersedes ?? []));
  const dropped = new Set([...superseded].map((id) => fired.get(id)));
  return out.filter((h) => !dropped.has(h));
}

function problemsHeard(p: Prepared, facts: ClinicalFacts | undefined, names: string[], newOnly: boolean): number[] {
  const keys = names.map(nameKey);
  const ev = new Set<number>();
  for (const pr of facts?.problems ?? []) {
    if (pr.negated || pr.subject !== 'patient' || pr.uncertain) continue;
    if (newOnly && pr.status !== 'new') continue;
    if (!confirmedInTurns(p, pr.name, pr.evidence)) continue;
    if (keys.some((k) => nameKey(pr.name).includes(k))) pr.evidence.forEach((e) => ev.add(e));
  }
  const alt = keys.map(escapeRe).join('|');
  const re = newOnly
    ? new RegExp(
        `\\b(?:new(?:ly)?[- ]diagnos\\w*|diagnos(?:e|ed|is|ing) (?:you |her |him )?(?:with )?|you now have|consistent with|meets? (?:the )?criteria for)\\b[^.?!]{0,25}\\b(?:${alt})\\b|\\b(?:you have|you've got|you do have) (?:${alt}) now\\b`,
      )
    : new RegExp(`\\b(?:${alt})\\b`);
  for (const s of p.sentences) {
    if (s.speaker !== 'doctor' || s.question) continue;
    const m = re.exec(s.text);
    if (m && assertion(p, s, m.index, m.index + m[0].length).asserted) ev.add(s.turn);
  }
  return uniqSorted(ev);
}

/**
 * Turns where a symptom is present for the patient now: our reading must assert it, and the visit's fact model must
 * not read it there as denied, hypothetical, someone else's, past or resolved without also reading it as present
 * (issue 13: a denied chest pain, or chest pain that "got better" with a swallowing problem, is no trigger).
 */
function symptomHeard(p: Prepared, facts: ClinicalFacts | undefined, names: string[]): number[] {
  const alt = names.map((k) => k.replace(/ /g, '\\s+')).join('|');
  const re = new RegExp(`\\b(?:${alt})\\b`);
  const heard = findAsserted(p, [re]);
  if (!facts) return heard;
  const site = new Set(names.map((n) => n.split(' ').find((w) => w.length > 3 && !/^(?:pain|pressure)$/.test(w))));
  const related = facts.symptoms.filter((sy) =>
    nameKey(sy.name)
      .split(' ')
      .some((w) => site.has(w)),
  );
  const present = (sy: (typeof related)[number]) =>
    (sy.assertion ?? (sy.negated ? 'absent' : 'present')) === 'present' &&
    sy.subject === 'patient' &&
    (!sy.experiencer || sy.experiencer === 'patient') &&
    sy.time !== 'past' &&
    sy.time !== 'resolved' &&
    !sy.historical;
  const words = [...site].filter((w): w is string => !!w);
  return heard.filter((t) => {
    const here = related.filter((sy) => sy.evidence.includes(t));
    if (here.length && !here.some(present)) return false;
    // A "yes" to a list question ("muscle aches, chest pain, body aches?" "i have some body aches") is a yes to
    // what the answer names: the answer must name the symptom's site or be a short yes.
    const ss = (p.byTurn.get(t) ?? []).filter((s) => re.test(s.text));
    if (ss.length && ss.every((s) => !s.question || s.speaker === 'patient')) return true;
    // Asked (this turn), or an answer to the question (the turn before): read the answer.
    const answerTurn = ss.length ? t + 1 : t;
    const answer = (p.byTurn.get(answerTurn) ?? []).map((s) => s.text).join(' ');
    return words.some((w) => answer.includes(w)) || answer.split(/\s+/).length <= 4;
  });
}

function gapHints(
  kb: KnowledgeBase,
  p: Prepared,
  facts: ClinicalFacts | undefined,
  ctx: PatientContext | undefined,
  drugs: DrugState[],
  allergyDocumented: boolean,
): Hint[] {
  const out: Hint[] = [];
  const contextSatisfies: Record<string, boolean> = {
    'new-diabetes-no-a1c': ctx?.labs?.a1c !== undefined,
    'warfarin-no-inr': ctx?.labs?.inr !== undefined,
    'metformin-start-no-kidney':
      ctx?.labs?.egfr !== undefined || ctx?.labs?.crcl !== undefined || ctx?.labs?.creatinine !== undefined,
  };
  for (const g of kb.gaps) {
    const t = g.trigger;
    let ev: number[] = [];
    let what = '';
    if (t.symptoms) {
      ev = symptomHeard(p, facts, t.symptoms.map(nameKey));
      what = 'the symptom';
    } else if (t.newProblems) {
      ev = problemsHeard(p, facts, t.newProblems, true);
      what = 'a new diagnosis';
    } else if (t.problems) {
      ev = problemsHeard(p, facts, t.problems, false);
      what = 'the problem';
    } else {
      const match = drugs.filter((d) => {
        const cls = kb.drugs.get(d.drug)?.classes ?? [];
        if (t.startedClasses) return d.started && cls.some((c) => t.startedClasses!.includes(c));
        if (t.startedDrugs) return d.started && t.startedDrugs.includes(d.drug);
        if (t.drugs) return t.drugs.includes(d.drug) && d.evidence.length > 0;
        return false;
      });
      ev = uniqSorted(match.flatMap((d) => d.evidence));
      what = match.map((d) => d.drug).join(', ');
    }
    if (!ev.length) continue;
    if (contextSatisfies[g.id]) continue;
    if (g.requireNoAllergyFacts && allergyDocumented) continue;
    if (g.satisfiedRe.some((re) => re.test(p.all))) continue;
    out.push({
      id: hintId('missing-documentation', g.id),
      kind: 'missing-documentation',
      severity: g.severity,
      title: g.title,
      basis: `Trigger: ${what} (${turnsText(ev)}). ${g.why} Consider documenting it if it was done or discussed.`,
      source: g.source,
      evidence: ev,
      ...(t.startedClasses || t.startedDrugs || t.drugs ? { drugs: what.split(', ') } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

export function runRules(kb: KnowledgeBase, input: EngineInput): Hint[] {
  const p = prepare(input.turns);
  const ctx = input.context;
  const mentions = drugMentions(kb, p);
  const contextMeds = (ctx?.medications ?? []).map((m) => ({ ...m }));
  const states = drugStates(kb, mentions, input.facts, contextMeds);
  const drugs = currentDrugs(states);
  const allergy = allergyHints(kb, p, input.facts, ctx, drugs);
  const heard = kidneyFromTranscript(p);
  const egfr =
    ctx?.labs?.egfr !== undefined
      ? { value: ctx.labs.egfr, origin: 'context' as const, evidence: [] }
      : heard.egfr
        ? { ...heard.egfr, origin: 'transcript' as const }
        : undefined;
  const hints = [
    ...redFlagHints(kb, p, input.facts, ctx),
    ...allergy.hints,
    ...interactionHints(kb, drugs),
    ...drugDiseaseHints(kb, p, input.facts, ctx, drugs, egfr, hintId, turnsText),
    ...pregnancyHints(kb, p, input.facts, ctx, drugs, hintId, turnsText),
    ...duplicateHints(kb, drugs),
    ...renalHints(kb, p, ctx, drugs),
    ...doseHints(kb, drugs),
    ...reconciliationHints(kb, p, mentions, ctx, hintId, turnsText),
    ...vitalHints(kb, p, input.facts),
    ...gapHints(kb, p, input.facts, ctx, drugs, allergy.documented),
    ...codeHints(kb, p, input.facts, (code) => hintId('diagnosis-code', code), turnsText),
  ];
  return rank(dedupe(hints));
}

/** One hint per id; the more severe copy wins and evidence is merged. */
export function dedupe(hints: Hint[]): Hint[] {
  const byId = new Map<string, Hint>();
  for (const h of hints) {
    const prev = byId.get(h.id);
    if (!prev) {
      byId.set(h.id, h);
      continue;
    }
    const keep = SEVERITY_RANK[h.severity] < SEVERITY_RANK[prev.severity] ? h : prev;
    byId.set(h.id, {
      ...keep,
      severity: bump(prev.severity, h.severity),
      evidence: uniqSorted([...prev.evidence, ...h.evidence]),
    });
  }
  return [...byId.values()];
}

export function rank(hints: Hint[]): Hint[] {
  return hints.sort(
    (a, b) =>
      GROUP_RANK(a.kind) - GROUP_RANK(b.kind) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      (a.evidence[0] ?? -1) - (b.evidence[0] ?? -1) ||
      a.id.localeCompare(b.id),
  );
}

// Exposed for tests of the reading helpers.
export const _internal = { polarity, answerTo };
