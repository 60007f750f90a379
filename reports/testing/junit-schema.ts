/**
 * A minimal check of JUnit XML against the structure Jenkins (xunit plugin, junit-10.xsd) and GitLab
 * accept: which children and attributes each element may have, which attributes it must have, and the
 * number format of `time`. Written for our own output (no CDATA, no comments, no namespaces), not as a
 * general XML parser; a tree it cannot read is a violation too.
 */

interface Rule {
  readonly children: readonly string[];
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** May hold text. */
  readonly text: boolean;
}

const OUTCOME: Rule = { children: [], required: [], optional: ['type', 'message'], text: true };

const RULES: Readonly<Record<string, Rule>> = {
  testsuites: {
    children: ['testsuite'],
    required: [],
    optional: ['name', 'time', 'tests', 'failures', 'errors'],
    text: false,
  },
  testsuite: {
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    required: ['name', 'tests', 'failures', 'errors'],
    optional: ['group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    text: false,
  },
  properties: { children: ['property'], required: [], optional: [], text: false },
  property: { children: [], required: ['name', 'value'], optional: [], text: false },
  testcase: {
    children: ['skipped', 'error', 'failure', 'system-out', 'system-err'],
    required: ['name'],
    optional: ['time', 'classname', 'group'],
    text: false,
  },
  skipped: OUTCOME,
  error: OUTCOME,
  failure: OUTCOME,
  'system-out': { children: [], required: [], optional: [], text: true },
  'system-err': { children: [], required: [], optional: [], text: true },
};

/** Surefire's time: digits (thousands may be comma-grouped), an optional fraction. */
const TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;

const TAG = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/y;
const ATTR = /([\w:.-]+)="[^"]*"/g;

/** Violations of the JUnit structure in `xml`; empty when it conforms. */
export function junitViolations(xml: string): string[] {
  const out: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    if (text.trim() !== '') {
      const parent = stack.at(-1);
      if (!parent || !RULES[parent]?.text) out.push(`text inside <${parent ?? '(root)'}>`);
    }
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(body);
    if (!m) {
      out.push(`unreadable markup at ${lt}: ${body.slice(lt, lt + 40)}`);
      break;
    }
    const [, closing, name = '', attrText = '', selfClosing] = m;
    i = TAG.lastIndex;
    if (closing) {
      if (stack.pop() !== name) out.push(`</${name}> closes another element`);
      continue;
    }
    const parent = stack.at(-1);
    if (parent === undefined) {
      roots += 1;
      if (name !== 'testsuites' && name !== 'testsuite') out.push(`root <${name}>`);
    } else if (!RULES[parent]?.children.includes(name)) out.push(`<${name}> inside <${parent}>`);
    const rule = RULES[name];
    if (!rule) out.push(`unknown element <${name}>`);
    const attrs = new Map(
      [...attrText.matchAll(ATTR)].map((a) => [a[1] ?? '', a[0].slice((a[1] ?? '').length + 2, -1)]),
    );
    for (const req of rule?.required ?? []) if (!attrs.has(req)) out.push(`<${name}> lacks ${req}`);
    for (const [k, v] of attrs) {
      if (rule && !rule.required.includes(k) && !rule.optional.includes(k)) out.push(`<${name}> has ${k}`);
      if (k === 'time' && (name === 'testsuite' || name === 'testsuites') && !TIME.test(v))
        out.push(`<${name}> time ${v}`);
    }
    if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0) out.push(`unclosed ${stack.join(' > ')}`);
  if (roots !== 1) out.push(`${roots} root elements`);
  return out;
}
