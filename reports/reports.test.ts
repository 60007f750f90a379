import { describe, expect, it } from 'vitest';
import { buildResults } from '../core/results/build.js';
import type { TestResult } from '../core/results/types.js';
import { XML_INVALID, xmlText } from './common/xml.js';
import { junitNames, junitXml } from './junit.js';
import { resultsJson } from './results-json.js';
import { summaryMarkdown } from './summary-md.js';
import { terminalSummary } from './terminal.js';
import { fixtureEngine, fixtureTest } from './testing/fixture-parts.js';
import { junitViolations } from './testing/junit-schema.js';

const t = fixtureTest;
const engine = fixtureEngine;

const results = buildResults({
  startedAt: new Date('2025-01-01T00:00:00Z'),
  finishedAt: new Date('2025-01-01T00:01:00Z'),
  engines: [engine('docker'), engine('podman')],
  tests: [
    t('docker', 'basics', 'ok', 'pass'),
    t(
      'docker',
      'basics',
      'bad <tag> & "quote"',
      'fail',
      'boom ]]> \x1b[31mred\x1b[39m \x00\x07 end\nsecond line',
    ),
    t('docker', 'lifecycle', 'later', 'skip', 'engine lacks capability exec'),
    t('podman', 'basics', 'known', 'xfail', 'podman answers 500'),
    t('podman', 'basics', 'fixed', 'xpass', 'was broken | once'),
  ],
  errors: [{ engine: 'podman', message: 'vitest crashed: out of memory' }],
});

const count = (xml: string, re: RegExp): number => xml.match(re)?.length ?? 0;

describe('xmlText', () => {
  it('escapes markup, drops ANSI, shows control characters', () => {
    expect(xmlText('a]]>b<c&"\'\x1b[1mX\x1b[0m\x00\x1f\ud800')).toBe(
      'a]]&gt;b&lt;c&amp;&quot;&apos;X\\u0000\\u001f\\ud800',
    );
  });
});

describe('junitXml', () => {
  const xml = junitXml(results);
  it('writes one testsuite per engine and suite, plus one for engine errors', () => {
    const names = [...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['docker/basics', 'docker/lifecycle', 'podman/basics', 'podman/errors']);
    expect(count(xml, /<testcase /g)).toBe(6);
    expect(count(xml, /<failure /g)).toBe(1);
    expect(count(xml, /<skipped /g)).toBe(1);
    expect(count(xml, /<error /g)).toBe(1);
    expect(xml).toMatch(/<testsuites name="shipshape" tests="6" failures="1" errors="1">/);
  });
  it('keeps only XML-safe text', () => {
    expect([...xml.matchAll(XML_INVALID)]).toEqual([]);
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('name="grp &gt; bad &lt;tag&gt; &amp; &quot;quote&quot;"');
    expect(xml).toContain('boom ]]&gt; red \\u0000\\u0007 end\nsecond line</failure>');
  });
  it('writes xfail and xpass as passing with their status in system-out, xpass as failure under --strict', () => {
    expect(xml).toContain('shipshape.status=xfail\nshipshape.reason=podman answers 500</system-out>');
    expect(xml).toContain('shipshape.requirement=REQ-1\n');
    const strict = junitXml(results, { strict: true });
    expect(count(strict, /<failure /g)).toBe(2);
    expect(strict).toContain('type="xpass"');
  });
});

describe('JUnit for Jenkins and GitLab', () => {
  it('conforms to the JUnit structure they read (plain and --strict)', () => {
    expect(junitViolations(junitXml(results))).toEqual([]);
    expect(junitViolations(junitXml(results, { strict: true }))).toEqual([]);
  });
  it('the check catches what Jenkins rejects', () => {
    const ok =
      '<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x"/></testsuite></testsuites>';
    expect(junitViolations(ok)).toEqual([]);
    expect(
      junitViolations(ok.replace('<testcase name="x"/>', '<testcase name="x"><properties/></testcase>')),
    ).toEqual(['<properties> inside <testcase>']);
    expect(junitViolations(ok.replace('<testsuites>', '<testsuites skipped="1">'))).toEqual([
      '<testsuites> has skipped',
    ]);
    expect(junitViolations(ok.replace(' tests="1"', ''))).toEqual(['<testsuite> lacks tests']);
    expect(junitViolations(ok.replace('</testsuites>', ''))).toEqual(['unclosed testsuites']);
  });
  it('names classes engine.suite.file without the dots Jenkins cuts at', () => {
    const classes = [...junitXml(results).matchAll(/classname="([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const c of classes) expect(c.split('.')).toHaveLength(c.endsWith('.errors') ? 2 : 3);
    const t = {
      id: 'docker-api/images/save.test.ts > save > writes a tar',
      suite: 'docker-api',
      name: 'writes a tar',
      engine: '127.0.0.1:2375',
    };
    expect(junitNames(t as TestResult)).toEqual({
      classname: '127_0_0_1:2375.docker-api.images_save',
      name: 'save > writes a tar',
    });
  });
});

describe('summaryMarkdown', () => {
  const md = summaryMarkdown(results);
  it('has a table per engine with a row per suite and a total row', () => {
    expect(count(md, /^## (docker|podman):/gm)).toBe(2);
    expect(md).toContain('| suite | pass | fail | skip | xfail | xpass | total |');
    expect(md).toContain('| basics | 1 | 1 | 0 | 0 | 0 | 2 |');
    expect(md).toContain('| **all** | **0** | **0** | **0** | **1** | **1** | **2** |');
  });
  it('lists failures, xpasses and engine errors with table-safe text', () => {
    const failures = md.split('## Failures')[1] ?? '';
    expect(count(failures, /^- /gm)).toBe(3);
    expect(md).toContain('(xpass: passed but listed as failing): was broken \\| once');
    expect(md).toContain('- **podman**: vitest crashed: out of memory');
  });
});

describe('resultsJson and terminalSummary', () => {
  it('round-trips the v1 document with totals', () => {
    const back = JSON.parse(resultsJson(results));
    expect(back.schema).toBe('shipshape.results/v1');
    expect(back.totals.docker).toEqual({ pass: 1, fail: 1, skip: 1, xfail: 0, xpass: 0, total: 3 });
    expect(back.host.node).toBe(process.version);
  });
  it('prints a row per engine and each failure', () => {
    const text = terminalSummary(results);
    expect(text).toMatch(/│ docker\s+│ docker\s+│ 1\.0\s+│ 1\s+│ 1\s+│ 1\s+│ 0\s+│ 0\s+│ 3\s+│ 0\s+│/);
    expect(text).toContain('FAIL [docker] basics/a.test.ts > grp > bad <tag> & "quote": boom ]]> red');
    expect(text).toContain('ERROR [podman] vitest crashed: out of memory');
  });
});
