import { engineRatios } from '../bench/cli-support/ratios.js';
import { sig } from '../bench/results/format.js';
import type { BenchDocument } from '../bench/results/types.js';
import type { RunResults, TestStatus } from '../core/results/types.js';

/** One host's outputs: its results.json and, when it ran one, its bench.json. */
export interface HostRun {
  /** The host's name (results' host.name, else the folder it came from). */
  readonly host: string;
  readonly results?: RunResults;
  readonly bench?: BenchDocument;
}

type Counts = Partial<Record<TestStatus, number>>;

export interface MergedMatrix {
  readonly hosts: string[];
  /** `engine\0suite` -> host -> counts. */
  readonly cells: Map<string, Map<string, Counts>>;
}

/** Engines × suites as rows, hosts as columns: the status counts of each. */
export function mergeMatrix(runs: readonly HostRun[]): MergedMatrix {
  const cells = new Map<string, Map<string, Counts>>();
  for (const r of runs) {
    for (const t of r.results?.tests ?? []) {
      const k = `${t.engine}\u0000${t.suite}`;
      const row = cells.get(k) ?? new Map<string, Counts>();
      const c = row.get(r.host) ?? {};
      c[t.status] = (c[t.status] ?? 0) + 1;
      row.set(r.host, c);
      cells.set(k, row);
    }
  }
  return { hosts: runs.map((r) => r.host), cells };
}

const cellText = (c: Counts | undefined): string => {
  if (!c) return '—';
  const order: TestStatus[] = ['pass', 'fail', 'xfail', 'xpass', 'skip'];
  return order
    .filter((s) => c[s])
    .map((s) => `${c[s]} ${s}`)
    .join(', ');
};

/**
 * The merged report as Markdown: the hosts and their identity, the conformance matrix (engines × suites
 * by host, a failure in bold), then per host its bench ratios (each engine over that host's reference:
 * ratios are only taken within a host).
 */
export function mergedMarkdown(runs: readonly HostRun[]): string {
  const out = [
    '# shipshape: results from many hosts',
    '',
    '| host | distro | kernel | cgroup | CPU | /var/lib on |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of runs) {
    const h = r.results?.host;
    out.push(
      `| ${r.host} | ${h?.distro ?? ''} | ${h?.kernel ?? ''} | ${h?.cgroup ?? ''} | ${h?.cpu ? `${h.cpu.count} × ${h.cpu.model}` : ''} | ${h?.storageFilesystem ?? ''} |`,
    );
  }
  const m = mergeMatrix(runs);
  out.push(
    '',
    '## Conformance (engines × suites × hosts)',
    '',
    `| engine | suite | ${m.hosts.join(' | ')} |`,
    `|---|---|${m.hosts.map(() => '---').join('|')}|`,
  );
  for (const [k, row] of [...m.cells].sort(([a], [b]) => a.localeCompare(b))) {
    const [engine, suite] = k.split('\u0000');
    const cols = m.hosts.map((h) => {
      const c = row.get(h);
      return c?.fail ? `**${cellText(c)}**` : cellText(c);
    });
    out.push(`| ${engine} | ${suite} | ${cols.join(' | ')} |`);
  }
  const benched = runs.filter((r) => r.bench);
  if (benched.length > 0) {
    out.push('', '## Benchmarks per host (ratios within each host, 95% CI)', '');
    for (const r of benched) {
      const ratios = engineRatios(r.bench as BenchDocument);
      out.push(`### ${r.host}`, '');
      if (ratios.length === 0) {
        out.push('No ratio (one engine, or too few values).', '');
        continue;
      }
      out.push('| figure | engine / reference | ratio | 95% CI |', '|---|---|---|---|');
      for (const x of ratios) {
        out.push(
          `| ${x.figure} | ${x.engine} / ${x.reference} | ${sig(x.ratio)}× | ${sig(x.low)}–${sig(x.high)}× |`,
        );
      }
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}
