import { sig } from '../../../bench/results/format.js';
import type { BenchDocument } from '../../../bench/results/types.js';
import { esc } from '../svg/escape.js';

/** Host and settings facts as a two-column table, then anything that could not run. */
export function environmentSection(doc: BenchDocument): string {
  const env = doc.environment;
  const facts: [string, string][] = [
    ['run', `${doc.startedAt} – ${doc.finishedAt}`],
    ['shipshape', doc.shipshapeVersion],
    ['profile', doc.settings.profile ?? 'n/a'],
    ['seed / bootstrap resamples', `${doc.settings.seed} / ${doc.settings.resamples}`],
    ['kernel', `${env.kernel} (${env.platform} ${env.arch})`],
    ['CPU', `${env.cpu.count} × ${env.cpu.model}`],
    ['memory', `${sig(env.memoryBytes / 2 ** 30)} GiB`],
    ['work dir', `${env.workDir} (${env.workDirFilesystem})`],
    ['node', env.node],
    ...Object.entries(env.engines).map(([k, v]): [string, string] => [`engine ${k}`, v]),
  ];
  const rows = facts.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const errors =
    doc.errors.length === 0
      ? ''
      : `<h3 class="bad">Could not run</h3><ul>${doc.errors.map((e) => `<li>${esc([e.benchmark, e.engine].filter(Boolean).join(' on '))}: ${esc(e.message)}</li>`).join('')}</ul>`;
  return `<table class="environment"><tbody>${rows}</tbody></table>${errors}`;
}
