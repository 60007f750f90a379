import type { EngineDescription } from '../../core/engines/types.js';
import type { Comparison } from './compare.js';
import type { Scenario } from './model/types.js';

export const DIFF_SCHEMA = 'shipshape.diff/v1';

export interface DiffEngine {
  readonly name: string;
  readonly role: 'reference' | 'candidate';
  readonly product: string;
  readonly version: string;
  readonly apiVersion?: string;
  readonly address: string;
}

/** The whole report (diff.json): who was compared, what ran, and one comparison per candidate. */
export interface DiffReport {
  readonly schema: typeof DIFF_SCHEMA;
  readonly createdAt: string;
  /** The reference first, then the candidates in the order compared. */
  readonly engines: readonly DiffEngine[];
  readonly scenarios: readonly {
    readonly name: string;
    readonly description: string;
    readonly steps: readonly string[];
  }[];
  readonly comparisons: readonly Comparison[];
}

export const diffEngine = (e: EngineDescription, role: DiffEngine['role']): DiffEngine => ({
  name: e.name,
  role,
  product: e.product,
  version: e.version,
  ...(e.apiVersion ? { apiVersion: e.apiVersion } : {}),
  address: e.address,
});

export const scenarioList = (scenarios: readonly Scenario[]): DiffReport['scenarios'] =>
  scenarios.map((s) => ({ name: s.name, description: s.description, steps: s.steps.map((t) => t.name) }));

/** diff.json text: the report, two-space indented, ending with a newline. */
export const diffJson = (report: DiffReport): string => `${JSON.stringify(report, null, 2)}\n`;
