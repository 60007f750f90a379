import type { RunResults, TestResult } from '../core/results/types.js';
import { attrs, xmlText } from './common/xml.js';

export interface JunitOptions {
  /** Under --strict an xpass is written as a failure. */
  readonly strict?: boolean;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);
const property = (name: string, value: string): string => `${name}=${value.replace(/\n/g, ' ')}`;

/** A classname segment: Jenkins cuts a classname at its dots (package.class), so none may hold one. */
const segment = (s: string): string => s.replace(/\.test\.ts$/, '').replace(/[./\\]+/g, '_');

/**
 * `engine.suite.file` for Jenkins' package/class tree (the file without its dots and .test.ts: a test in
 * suites/docker-api/images/save.test.ts on docker is `docker.docker-api.images_save`); the testcase name is
 * the describe path and the test's name.
 */
export function junitNames(t: TestResult): { classname: string; name: string } {
  const parts = t.id.split(' > ');
  const file = (parts[0] ?? '').slice(t.suite.length + 1);
  return {
    classname: [t.engine, t.suite, file].map(segment).join('.'),
    name: parts.slice(1).join(' > ') || t.name,
  };
}

/**
 * JUnit mapping (the schema Jenkins' xunit plugin and GitLab read: testsuites > testsuite > testcase, a
 * testcase holding only skipped/failure/error/system-out/system-err): one <testsuite> per engine and suite,
 * named `engine/suite`. pass -> plain testcase; fail -> <failure>; skip -> <skipped message>; xfail -> a
 * passing testcase whose system-out says shipshape.status=xfail and shipshape.reason (it is expected, so
 * it must not turn CI red); xpass -> passing with shipshape.status=xpass, or a <failure type="xpass">
 * under --strict. The id, tags and requirement ids are system-out lines too. Engine errors (crashes,
 * load errors) go to a suite `engine/errors` as <error> testcases.
 */
function testcase(t: TestResult, strict: boolean): string {
  const head = `<testcase ${attrs({ ...junitNames(t), time: seconds(t.durationMs) })}>`;
  const props = [property('shipshape.id', t.id)];
  for (const tag of t.tags) props.push(property('shipshape.tag', tag));
  for (const req of t.requirements) props.push(property('shipshape.requirement', req));
  if (t.status === 'xfail' || t.status === 'xpass') {
    props.push(property('shipshape.status', t.status), property('shipshape.reason', t.message ?? ''));
  }
  const body: string[] = [];
  const msg = t.message ?? '';
  const first = msg.split('\n')[0] ?? '';
  if (t.status === 'fail')
    body.push(`<failure ${attrs({ message: first, type: 'fail' })}>${xmlText(msg)}</failure>`);
  if (t.status === 'skip') body.push(`<skipped ${attrs({ message: msg })}/>`);
  if (t.status === 'xpass' && strict) {
    body.push(`<failure ${attrs({ message: `passed but expected to fail: ${first}`, type: 'xpass' })}/>`);
  }
  body.push(`<system-out>${xmlText(props.join('\n'))}</system-out>`);
  return `    ${head}${body.join('')}</testcase>`;
}

function suiteXml(name: string, tests: readonly TestResult[], strict: boolean, stamp: string): string {
  const failures = tests.filter((t) => t.status === 'fail' || (strict && t.status === 'xpass')).length;
  const skipped = tests.filter((t) => t.status === 'skip').length;
  const time = seconds(tests.reduce((s, t) => s + t.durationMs, 0));
  const head = attrs({ name, tests: tests.length, failures, errors: 0, skipped, time, timestamp: stamp });
  return [`  <testsuite ${head}>`, ...tests.map((t) => testcase(t, strict)), '  </testsuite>'].join('\n');
}

function errorSuite(engine: string, messages: readonly string[], stamp: string): string {
  const cases = messages.map(
    (m, i) =>
      `    <testcase ${attrs({ classname: `${segment(engine)}.errors`, name: `error ${i + 1}`, time: '0.000' })}><error ${attrs({ message: m.split('\n')[0] ?? '', type: 'engine-error' })}>${xmlText(m)}</error></testcase>`,
  );
  const head = attrs({
    name: `${engine}/errors`,
    tests: messages.length,
    failures: 0,
    errors: messages.length,
    skipped: 0,
    time: '0.000',
    timestamp: stamp,
  });
  return [`  <testsuite ${head}>`, ...cases, '  </testsuite>'].join('\n');
}

/** The whole run as JUnit XML (pure). */
export function junitXml(results: RunResults, opts: JunitOptions = {}): string {
  const strict = opts.strict ?? false;
  const stamp = results.startedAt;
  const suites: string[] = [];
  const engineNames = [
    ...new Set([
      ...results.engines.map((e) => e.name),
      ...results.tests.map((t) => t.engine),
      ...results.errors.map((e) => e.engine),
    ]),
  ];
  for (const engine of engineNames) {
    const mine = results.tests.filter((t) => t.engine === engine);
    for (const suite of [...new Set(mine.map((t) => t.suite))]) {
      suites.push(
        suiteXml(
          `${engine}/${suite}`,
          mine.filter((t) => t.suite === suite),
          strict,
          stamp,
        ),
      );
    }
    const errs = results.errors.filter((e) => e.engine === engine).map((e) => e.message);
    if (errs.length > 0) suites.push(errorSuite(engine, errs, stamp));
  }
  const t = results.tests;
  const totals = attrs({
    name: 'shipshape',
    tests: t.length + results.errors.length,
    failures: t.filter((x) => x.status === 'fail' || (strict && x.status === 'xpass')).length,
    errors: results.errors.length,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${totals}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
