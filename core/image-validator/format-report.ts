import type { ValidationReport } from './types.js';

/** Plain-text report: one line per defect with where, rule, message and spec section. */
export function formatReport(report: ValidationReport): string {
  const errors = report.defects.filter((d) => d.severity === 'error').length;
  const warnings = report.defects.length - errors;
  const head = `${report.target} (${report.format}, ${report.container}): ${report.valid ? 'valid' : 'INVALID'}`;
  const lines = report.defects.map((d) => {
    const where =
      d.blob === undefined || d.blob === d.path
        ? d.path
        : `${d.blob}${d.path.startsWith('/') || d.path === '' ? '#' : ' '}${d.path}`;
    return `  ${d.severity === 'error' ? 'error  ' : 'warning'} ${where || '.'}  [${d.ruleId}] ${d.message}  (${d.spec})`;
  });
  return [head, ...lines, `${errors} error(s), ${warnings} warning(s)`].join('\n');
}
