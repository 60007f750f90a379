export { type CalibrationSummary, type Normalize, pairCalibration } from './calibration.js';
export { compare } from './compare.js';
export { environmentNotes } from './environment-notes.js';
export { adjustPValues, type Correction } from './multiple.js';
export {
  calibrationLine,
  countVerdicts,
  formatGateMarkdown,
  formatGateReport,
  gateExitCode,
} from './report.js';
export type { CompareOptions, Comparison, GateReport, Verdict } from './types.js';
export { decide } from './verdict.js';
