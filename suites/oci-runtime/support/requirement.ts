/** RFC 2119 strength of a spec statement. */
export type RequirementLevel = 'MUST' | 'SHOULD' | 'MAY';

/**
 * One normative statement of the runtime-spec, paraphrased in our own words. Tables of these
 * (requirements-runtime.ts, requirements-config.ts) are merged in requirements.ts; tests name ids in
 * `conformance(..., { requirements: [id] })` and coverage counts which MUSTs some test checks.
 */
export interface Requirement {
  /** Stable id `runtime:<area>.<what>` or `config:<area>.<what>`, e.g. `runtime:create.status`. */
  readonly id: string;
  readonly level: RequirementLevel;
  /** Spec file the statement is in, e.g. `runtime.md`. */
  readonly file: string;
  /** Heading of the section, e.g. `Create`. */
  readonly section: string;
  /** One-line paraphrase (never the spec's own prose). */
  readonly text: string;
}
