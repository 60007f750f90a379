import { expect } from 'vitest';

/** The parts of `probe report` the basics suite checks. */
export interface ProbeReport {
  env: string[];
  argv: string[];
  cwd: string | null;
  user: { uid: number; gid: number };
  hostname: string;
  process: { pid: number };
}

/** Parses the one JSON object `probe report` prints; fails the test with the raw text when it is not JSON. */
export function parseReport(stdout: string): ProbeReport {
  const line = stdout
    .trim()
    .split('\n')
    .find((l) => l.startsWith('{'));
  if (line === undefined)
    throw new Error(`probe printed no JSON report: ${JSON.stringify(stdout.slice(0, 400))}`);
  return JSON.parse(line) as ProbeReport;
}

/** What every engine must show a container's first process: root, pid 1, the image's PATH, argv as given. */
export function expectContainerBasics(report: ProbeReport, argv: readonly string[]): void {
  expect(report.user.uid).toBe(0);
  expect(report.user.gid).toBe(0);
  expect(report.process.pid).toBe(1);
  expect(report.argv).toEqual(argv);
  expect(report.env.some((e) => e.startsWith('PATH=') && e.includes('/bin'))).toBe(true);
}

export const uniqueSuffix = (): string => `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
