/** Fails with every problem found, one a line (an empty list passes). */
export function expectNoProblems(problems: readonly string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what}: ${problems.join('; ')}`);
}
