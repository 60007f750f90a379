/** The distribution-spec's four categories; pull is mandatory for every registry and always runs. */
export type Workflow = 'pull' | 'push' | 'discovery' | 'management';

/** Env var that switches each optional workflow off with `0`, `false`, `no` or `off`. */
export const WORKFLOW_ENV: Readonly<Record<Exclude<Workflow, 'pull'>, string>> = {
  push: 'SHIPSHAPE_DIST_PUSH',
  discovery: 'SHIPSHAPE_DIST_DISCOVERY',
  management: 'SHIPSHAPE_DIST_MANAGEMENT',
};

const OFF = new Set(['0', 'false', 'no', 'off']);

/** Why `workflow` is switched off in `env`, or undefined when it runs. */
export function workflowDisabled(
  workflow: Workflow,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (workflow === 'pull') return undefined;
  const name = WORKFLOW_ENV[workflow];
  const value = env[name]?.trim().toLowerCase();
  return value !== undefined && OFF.has(value)
    ? `${workflow} workflow disabled by ${name}=${env[name]}`
    : undefined;
}
