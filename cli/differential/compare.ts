import { diffBodies } from './differ.js';
import type { Captured, CompareRules, EngineCapture, Scenario } from './model/types.js';
import { SCENARIOS } from './scenarios/index.js';
import { type BodyDifference, DIFF_KINDS, type DiffKind } from './side.js';

/** A difference in one step's answer. */
export interface Difference extends BodyDifference {
  readonly scenario: string;
  readonly step: string;
  /** The request as sent to the reference. */
  readonly request: string;
  /** Why a side has no answer (status 0). */
  readonly note?: string;
}

export type Counts = Record<DiffKind, number> & { total: number };

export interface StepOutcome {
  readonly step: string;
  readonly request: string;
  readonly reference: { readonly status: number; readonly error?: string };
  readonly candidate: { readonly status: number; readonly error?: string };
  readonly differences: number;
}

export interface ScenarioComparison {
  readonly name: string;
  readonly description: string;
  readonly steps: readonly StepOutcome[];
  readonly counts: Counts;
}

/** One candidate against the reference. */
export interface Comparison {
  readonly reference: string;
  readonly candidate: string;
  readonly counts: Counts;
  readonly scenarios: readonly ScenarioComparison[];
  readonly differences: readonly Difference[];
  /** Setup problems and leftovers on either engine. */
  readonly notes: readonly string[];
}

export function countKinds(differences: readonly { kind: DiffKind }[]): Counts {
  const counts = Object.fromEntries(DIFF_KINDS.map((k) => [k, 0])) as Counts;
  for (const d of differences) counts[d.kind] += 1;
  counts.total = differences.length;
  return counts;
}

const sideStatus = (c: Captured) => ({ status: c.status, ...(c.error ? { error: c.error } : {}) });

const ok = (status: number): boolean => status >= 200 && status < 400;

/** The engine's own words from an error answer: its `message`, or the body text. */
function messageOf(c: Captured): string | undefined {
  if (c.error) return c.error;
  const body = c.body;
  if (body !== null && typeof body === 'object' && 'message' in body && typeof body.message === 'string')
    return body.message;
  return typeof body === 'string' && body !== '' ? body.slice(0, 200) : undefined;
}

/**
 * Status first (by value). Bodies are compared unless a side has no answer, or one side succeeded and
 * the other did not (a body next to an error body says nothing more than the status); then the
 * status-change carries the failing side's message as its note.
 */
export function compareStep(
  reference: Captured,
  candidate: Captured,
  rules: CompareRules = {},
): (BodyDifference & { note?: string })[] {
  if (reference.error && candidate.error) return [];
  if (reference.status === candidate.status && !reference.error && !candidate.error)
    return diffBodies(reference.body, candidate.body, rules);
  const sameClass = ok(reference.status) === ok(candidate.status) && !reference.error && !candidate.error;
  const notes = sameClass
    ? []
    : [
        ...(ok(reference.status) ? [] : [`reference: ${messageOf(reference) ?? 'no message'}`]),
        ...(ok(candidate.status) ? [] : [`candidate: ${messageOf(candidate) ?? 'no message'}`]),
      ];
  const status: BodyDifference & { note?: string } = {
    pointer: '',
    kind: 'status-change',
    reference: { type: 'number', value: reference.status },
    candidate: { type: 'number', value: candidate.status },
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
  return sameClass ? [status, ...diffBodies(reference.body, candidate.body, rules)] : [status];
}

/** Compares every step both engines ran, scenario by scenario, with each step's own rules. */
export function compareCaptures(
  reference: EngineCapture,
  candidate: EngineCapture,
  scenarios: readonly Scenario[] = SCENARIOS,
): Comparison {
  const differences: Difference[] = [];
  const compared: ScenarioComparison[] = [];
  for (const scenario of scenarios) {
    const ref = reference.scenarios.find((s) => s.name === scenario.name);
    const cand = candidate.scenarios.find((s) => s.name === scenario.name);
    if (!ref || !cand) continue;
    const mine: Difference[] = [];
    const steps: StepOutcome[] = [];
    for (const step of scenario.steps) {
      const r = ref.steps.find((s) => s.step === step.name);
      const c = cand.steps.find((s) => s.step === step.name);
      if (!r || !c) continue;
      const note = [r.error && `reference: ${r.error}`, c.error && `candidate: ${c.error}`]
        .filter(Boolean)
        .join('; ');
      const found = compareStep(r, c, step).map((d) => ({
        scenario: scenario.name,
        step: step.name,
        request: r.request,
        ...d,
        ...(note && d.kind === 'status-change' ? { note } : {}),
      }));
      mine.push(...found);
      steps.push({
        step: step.name,
        request: r.request,
        reference: sideStatus(r),
        candidate: sideStatus(c),
        differences: found.length,
      });
    }
    differences.push(...mine);
    compared.push({
      name: scenario.name,
      description: scenario.description,
      steps,
      counts: countKinds(mine),
    });
  }
  const notes = [
    ...reference.notes.map((n) => `${reference.engine}: ${n}`),
    ...candidate.notes.map((n) => `${candidate.engine}: ${n}`),
  ];
  return {
    reference: reference.engine,
    candidate: candidate.engine,
    counts: countKinds(differences),
    scenarios: compared,
    differences,
    notes,
  };
}
