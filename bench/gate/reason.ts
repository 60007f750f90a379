import { formatPercent, sig } from '../results/format.js';
import type { Interval } from '../stats/bootstrap.js';
import type { Correction } from './multiple.js';
import type { Verdict } from './types.js';

/** One line saying why a judged figure got its verdict. */
export function reasonFor(
  verdict: Verdict,
  ratio: number,
  ci: Interval,
  pAdj: number,
  o: { threshold: number; alpha: number; correction: Correction },
): string {
  const change = formatPercent(ratio - 1);
  const sigText = `p${o.correction === 'none' ? '' : ` (${o.correction})`} = ${sig(pAdj)}`;
  const t = formatPercent(o.threshold).slice(1);
  const level = `${Math.round(ci.level * 100)}%`;
  const interval = `${level} CI ${sig(ci.low)}–${sig(ci.high)}`;
  if (verdict === 'regression')
    return `slower beyond the ${t} threshold with confidence (${interval} > ${sig(1 + o.threshold)}) and significant (${sigText} < ${o.alpha})`;
  if (verdict === 'improvement')
    return `faster beyond the ${t} threshold with confidence (${interval} < ${sig(1 / (1 + o.threshold))}) and significant (${sigText} < ${o.alpha})`;
  if (pAdj < o.alpha)
    return `${change} is significant (${sigText}) but not beyond the ${t} threshold with confidence (${interval})`;
  return `${change}, not significant (${sigText} >= ${o.alpha})`;
}
