import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/results/host.js';
import { runCli } from './cli.js';
import type { CliIo } from './io/io.js';

const capture = () => {
  let text = '';
  return { write: (s: string) => (text += s), text: () => text };
};

const io = () => {
  const stdout = capture();
  const stderr = capture();
  const c: CliIo = {
    stdout,
    stderr,
    env: { PATH: '' },
    root: projectRoot(),
    runConformance: async () => {
      throw new Error('--list must not run anything');
    },
  };
  return { stdout, stderr, io: c };
};

describe('conform --list', () => {
  it('lists the selected tests with tags and requirement ids, without an engine, as JSON', async () => {
    const c = io();
    expect(
      await runCli(['conform', '--list', '--json', '--suite', 'lifecycle', '--tag', 'signals'], c.io),
    ).toBe(0);
    const list = JSON.parse(c.stdout.text()) as { id: string; tags: string[]; requirements: string[] }[];
    expect(list.length).toBeGreaterThan(3);
    for (const t of list) {
      expect(t.id).toMatch(/^lifecycle\/.*\.test\.ts > /);
      expect(t.tags).toContain('signals');
    }
  }, 120_000);
  it('prints one line per test as text; a tag that selects nothing is a usage error', async () => {
    const c = io();
    expect(await runCli(['conform', '--list', '--suite', 'lifecycle', '-t', 'exit code'], c.io)).toBe(0);
    const lines = c.stdout.text().trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^lifecycle\/\S+\.test\.ts > .*exit code.*\[.*\]/i);
    const none = io();
    expect(await runCli(['conform', '--list', '--suite', 'lifecycle', '--tag', 'signal'], none.io)).toBe(2);
    expect(none.stderr.text()).toContain('did you mean --tag signals?');
  }, 120_000);
});
