import type { TestStatus } from '../../../core/results/types.js';

export const STATUS_COLORS: Record<TestStatus, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  skip: '#9e9e9e',
  xfail: '#f0a500',
  xpass: '#7b1fa2',
};

const ENGINE_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
];

/** A stable colour for the i-th engine of a report. */
export const engineColor = (i: number): string => ENGINE_COLORS[i % ENGINE_COLORS.length] ?? '#1f77b4';
