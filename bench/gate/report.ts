import { formatDuration, formatPercent, formatValue, markdownTable, sig } from '../results/format.js';
import type { Comparison, GateReport, Verdict } from './types.js';

const ORDER: Verdict[] = ['regression', 'improvement', 'insufficient-data', 'no-change'];

export const countVerdicts = (r: GateReport): Record<Verdict, number> => {
  const counts: Record<Verdict, number> = {
    regression: 0,
    improvement: 0,
    'no-change': 0,
    'insufficient-data': 0,
  };
  for (const c of r.comparisons) counts[c.verdict]++;
  return counts;
};

function line(c: Comparison): string {
  const raw =
    c.normalized && c.rawRatio !== undefined ? ` host-normalized; raw ${formatPercent(c.rawRatio - 1)}` : '';
  const change = c.ratio === undefined ? '' : ` (${formatPercent(c.ratio - 1)}${raw}`;
  const ci = c.ratioCi
    ? `, ratio ${sig(c.ratio ?? Number.NaN)} with ${Math.round(c.ratioCi.level * 100)}% CI ${sig(c.ratioCi.low)}–${sig(c.ratioCi.high)})`
    : change
      ? ')'
      : '';
  const medians = `median ${formatValue(c.baseline.median, c.unit)} -> ${formatValue(c.current.median, c.unit)}`;
  return `${c.verdict.toUpperCase()} ${c.name} [${c.engine}]: ${medians}${change}${ci}; ${c.reason}`;
}

/** The host drift between the runs, and whether figures were normalised by it. */
export function calibrationLine(r: GateReport): string | undefined {
  const c = r.calibration;
  if (!c) return undefined;
  const ci = Number.isFinite(c.ratioCi.low)
    ? ` (${Math.round(c.ratioCi.level * 100)}% CI ${sig(c.ratioCi.low)}–${sig(c.ratioCi.high)})`
    : '';
  const use = c.applied ? 'every ratio below is divided by it' : `not applied: ${c.note ?? 'off'}`;
  return `Host calibration (${c.workload}): median ${formatDuration(c.baseline.median)} -> ${formatDuration(c.current.median)}, ratio ${sig(c.ratio)}${ci}; ${use}`;
}

const pairedLine = (p: NonNullable<GateReport['paired']>) =>
  `A/B in one interleaved run: ${p.current} against ${p.baseline}, each figure paired round by round (Hodges-Lehmann ratio, Wilcoxon signed-rank)`;

const relativeLine = (to: string) =>
  `Relative to ${to}: each run's figures as per-round ratios to ${to}, compared between the runs (Hodges-Lehmann ratio of ratios, Mann-Whitney)`;

/** Plain-text verdict: a headline, the host calibration, then one line per regression, improvement and unjudged figure. */
export function formatGateReport(r: GateReport): string {
  const n = countVerdicts(r);
  const o = r.options;
  const head = `${n.regression} regression(s), ${n.improvement} improvement(s), ${n['no-change']} unchanged, ${n['insufficient-data']} insufficient data — threshold ${formatPercent(o.threshold).slice(1)}, alpha ${o.alpha}, correction ${o.correction} over ${r.comparisons.length - n['insufficient-data']} figure(s)`;
  const lines = [head];
  if (r.paired) lines.push(pairedLine(r.paired));
  if (r.relativeTo) lines.push(relativeLine(r.relativeTo));
  const cal = calibrationLine(r);
  if (cal) lines.push(cal);
  for (const verdict of ORDER.slice(0, 3))
    for (const c of r.comparisons.filter((x) => x.verdict === verdict)) lines.push(line(c));
  if (r.onlyInBaseline.length) lines.push(`Missing from current run: ${r.onlyInBaseline.join(', ')}`);
  if (r.onlyInCurrent.length) lines.push(`New in current run (not judged): ${r.onlyInCurrent.join(', ')}`);
  for (const note of r.environmentNotes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** Every comparison as a Markdown table, regressions first. */
export function formatGateMarkdown(r: GateReport): string {
  const sorted = [...r.comparisons].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  const rows = sorted.map((c) => [
    c.name,
    c.engine,
    formatValue(c.baseline.median, c.unit),
    formatValue(c.current.median, c.unit),
    c.ratio === undefined ? 'n/a' : formatPercent(c.ratio - 1),
    c.ratioCi ? `${sig(c.ratioCi.low)}–${sig(c.ratioCi.high)}` : 'n/a',
    c.pAdjusted === undefined ? 'n/a' : sig(c.pAdjusted),
    c.verdict,
  ]);
  const header = [
    'Figure',
    'Engine',
    'Baseline',
    'Current',
    'Change',
    'Ratio 95% CI',
    `p (${r.options.correction})`,
    'Verdict',
  ];
  const note = r.paired
    ? pairedLine(r.paired)
    : r.relativeTo
      ? relativeLine(r.relativeTo)
      : calibrationLine(r);
  return `${markdownTable(header, rows)}\n${note ? `\n${note}\n` : ''}`;
}

/** 1 when any figure regressed, else 0 (insufficient data does not fail the gate; it is reported). */
export const gateExitCode = (r: GateReport): 0 | 1 =>
  r.comparisons.some((c) => c.verdict === 'regression') ? 1 : 0;
