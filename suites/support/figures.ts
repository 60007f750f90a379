import type { TestContext } from 'vitest';
import type { ShipshapeMeta } from './provided.js';

/**
 * Records figures a test measured as data for the reports (results.json `figures`, summary.md and
 * report.html): never asserted on, so a slow machine changes numbers, not verdicts. Units go in the
 * names (`start_ms_first`, `rss_per_container_mib`). Non-finite values are left out.
 */
export function reportFigures(ctx: TestContext, figures: Readonly<Record<string, number>>): void {
  const meta: ShipshapeMeta = ctx.task.meta.shipshape ?? { tags: [], requirements: [] };
  ctx.task.meta.shipshape = meta;
  const finite = Object.entries(figures).filter(([, v]) => Number.isFinite(v));
  meta.figures = {
    ...meta.figures,
    ...Object.fromEntries(finite.map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
  };
  console.log(`[figures] ${ctx.task.name}: ${finite.map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
