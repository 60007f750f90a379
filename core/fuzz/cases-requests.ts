import { type CaseBuilder, type Draft, type Gen, JSON_TYPE, jsonCase, query } from './gen-context.js';

// Paths, names, query values and methods. Every path and value here is wrong by Docker's own rules;
// none that dockerd 20.10 takes as valid (a negative `tail`, an unknown wait `condition`, a version
// inside 1.12..1.41) and none it would redirect (`//`, `.` segments).

const WORDS = ['frob', 'nope', 'x', 'jsonx', 'stat', 'startt', 'kill9', 'archives', 'info2', 'ping'];
const WEIRD = ['%20', '%00', '%ff', '%c3%a9', '%e2%80%ae', '%3Cscript%3E', '~', '!', '%25', '%0a'];

function word(g: Gen): string {
  const w = `${g.pick(WORDS)}${g.chance(0.5) ? g.hex(4) : ''}`;
  return g.chance(0.3) ? `${w}${g.pick(WEIRD)}${g.hex(2)}` : w;
}

export const unknownRoute: CaseBuilder = (g) => {
  const w = word(g);
  const path = g.pick([
    `/${w}`,
    `/containers/${g.ctr}/${w}`,
    `/containers/${g.ctr}/json/${w}`,
    `/images/${encodeURIComponent(g.target.image)}/${w}`,
    `/volumes/${w}/${w}`,
    `/v1.41/${w}`,
    `/exec/${g.hex(64)}/${w}`,
    `/_ping/${w}`,
    `/networks/${w}/${w}/${w}`,
    `/system/${w}`,
    `/${w}/${'y'.repeat(g.int(100, 3000))}`,
  ]);
  return { method: g.pick(['GET', 'POST', 'DELETE', 'HEAD']), path, headers: {}, what: 'no such route' };
};

function badContainerName(g: Gen): string {
  const ok = `n${g.hex(6)}`;
  return g.pick([
    g.pick(['a', 'Z', '0', '_', '.', '-']), // one character
    `-${ok}`,
    `.${ok}`,
    `_${ok}`,
    `${ok} x`,
    `${ok}/x`,
    `/${ok}/x`,
    `${ok}:x`,
    `${ok}@x`,
    `${ok}#`,
    `${ok}%`,
    `${ok}*`,
    `${ok}\u00e9`,
    `${ok}\u202e`,
    `${ok}\n`,
    `${ok}\t`,
    `${ok}\u0000`,
    '..',
    '//',
    ' ',
  ]);
}

function badVolumeName(g: Gen): string {
  return g.pick([
    'a',
    '-ab',
    '.ab',
    '_ab',
    `a/${g.hex(4)}`,
    `a b${g.hex(2)}`,
    `v\u00e9${g.hex(2)}`,
    '..',
    `a:${g.hex(2)}`,
  ]);
}

export const badName: CaseBuilder = (g) => {
  const which = g.int(0, 3);
  if (which === 0) {
    const name = badContainerName(g);
    const body = { Image: g.target.image, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } };
    return jsonCase(
      'POST',
      `/containers/create?${query({ name })}`,
      body,
      `create named ${JSON.stringify(name)}`,
    );
  }
  if (which === 1) {
    const name = badContainerName(g);
    return {
      method: 'POST',
      path: `/containers/${g.ctr}/rename?${query({ name })}`,
      headers: {},
      what: `rename to ${JSON.stringify(name)}`,
    };
  }
  if (which === 2) {
    const name = badVolumeName(g);
    return jsonCase('POST', '/volumes/create', { Name: name }, `volume named ${JSON.stringify(name)}`);
  }
  // A tag where the repository or the tag (or both) break the reference grammar.
  const repo = g.pick([
    `UPPER${g.hex(2)}`,
    `a..b${g.hex(2)}`,
    `-a${g.hex(2)}`,
    `a/${g.hex(2)}/`,
    `a//b${g.hex(2)}`,
    `a:b:c`,
    `a b`,
    `a@b`,
  ]);
  const tag = g.pick(['bad tag', '-x', '.x', 'x'.repeat(129), 'a:b', 'ok', `t${g.hex(3)}`]);
  return {
    method: 'POST',
    path: `/images/${encodeURIComponent(g.target.image)}/tag?${query({ repo, tag })}`,
    headers: {},
    what: `tag ${repo}:${tag}`,
  };
};

export const archivePath: CaseBuilder = (g): Draft => {
  const up = (s: string) => s.repeat(g.int(1, 12));
  const leaf = g.missing();
  const path = g.pick([
    `${up('../')}${leaf}`,
    `/${up('../')}${leaf}`,
    `/a/${up('../')}${leaf}`,
    `${up('../')}tmp/${leaf}`,
    `${up('../')}etc/${leaf}/x`,
    `./${up('../')}${leaf}/`,
    `${leaf}/${up('../')}${g.missing()}`,
    `${up('..\\')}${leaf}`,
  ]);
  const method = g.pick(['GET', 'HEAD', 'PUT']);
  const route = `/containers/${g.ctr}/archive?${query({ path })}`;
  if (method !== 'PUT') return { method, path: route, headers: {}, what: `archive ${method} ${path}` };
  // An empty tar (two zero blocks): nothing would be written even if the path were found.
  return {
    method,
    path: route,
    headers: { 'Content-Type': 'application/x-tar' },
    body: Buffer.alloc(1024),
    what: `archive PUT ${path}`,
  };
};

export const versionPrefix: CaseBuilder = (g) => {
  const version = g.pick([
    '1.99',
    '1.42',
    '2.0',
    '9.9',
    '1.41.1',
    '1.41.9', // (1.41.0 equals 1.41 for moby's compare)
    '1.11',
    '1.0',
    '0.1',
    '1',
    '1..41',
    '.41',
    '1.4a',
    'abc',
    '',
    '-1.41',
    '1.41-rc1',
    'v1.41',
    `${g.int(42, 999)}.${g.int(0, 99)}`,
  ]);
  const route = g.pick([
    '/_ping',
    '/version',
    '/info',
    '/containers/json',
    `/containers/${g.ctr}/json`,
    '/images/json',
  ]);
  return {
    method: 'GET',
    path: `/v${version}${route}`,
    headers: {},
    what: `version prefix ${JSON.stringify(version)}`,
  };
};

const BAD_FILTERS = [
  '{',
  '[',
  '1',
  '"x"',
  'null x',
  '{"status":"x"}',
  '{"nope":["x"]}',
  '{"label":[1]}',
  '{"label":{"a":"b"}}',
  '[["x"]]',
  '%%%',
];

export const badQuery: CaseBuilder = (g) => {
  const which = g.int(0, 8);
  if (which <= 2) {
    const [method, route, extra] = g.pick([
      ['GET', '/containers/json', '{"status":["bogus"]}'],
      ['GET', '/images/json', '{"dangling":["maybe"]}'],
      ['GET', '/volumes', '{"dangling":["maybe"]}'],
      ['GET', '/networks', '{"nope":["x"]}'],
      ['POST', '/containers/prune', '{"nope":["x"]}'],
      ['POST', '/images/prune', '{"dangling":["maybe"]}'],
      ['POST', '/volumes/prune', '{"nope":["x"]}'],
      ['POST', '/networks/prune', '{"nope":["x"]}'],
      ['GET', '/events', '{"type":"container"}'],
    ] as const);
    // dockerd 20.10 takes any key in events filters: only malformed JSON there.
    const choices = route === '/events' ? BAD_FILTERS.filter((f) => !f.includes('nope')) : BAD_FILTERS;
    const filters = g.chance(0.2) ? extra : g.pick(choices);
    const tail = route === '/events' ? '&since=0&until=1' : '';
    return {
      method,
      path: `${route}?${query({ filters })}${tail}`,
      headers: {},
      what: `${route} filters ${filters}`,
    };
  }
  if (which === 3) {
    const signal = g.pick([
      'SIGFOO',
      `FOO${g.hex(2)}`,
      '0',
      '-1',
      '65',
      '999',
      'SIG',
      '9x',
      '1.5',
      'SIGKILLL',
      'KILL ',
    ]);
    return {
      method: 'POST',
      path: `/containers/${g.ctr}/kill?${query({ signal })}`,
      headers: {},
      what: `kill with signal ${JSON.stringify(signal)}`,
    };
  }
  if (which === 4) {
    const bad = g.pick(['abc', '1.5', '99999999999999999999', '0x10', '']);
    const h = g.chance(0.5) ? bad : '24';
    const w = h === '24' ? bad : g.pick(['80', bad]);
    return {
      method: 'POST',
      path: `/containers/${g.ctr}/resize?${query({ h, w })}`,
      headers: {},
      what: `resize h=${h} w=${w}`,
    };
  }
  const bad = g.pick(['abc', '1.5', '1e3', 'ten', '0x1', '--1', '9999999999999999999999']);
  // (A time may be seconds with a fraction, `1.5`, or a duration, `10m`: these are neither.)
  const time = g.pick(['abc', 'ten', '1e3', '--1', '1.5.5', '10x', 'yesterday']);
  const [method, path, what] = g.pick([
    ['GET', `/containers/${g.ctr}/logs?tail=-${g.int(1, 100)}`, 'logs with a negative tail and no stream'],
    ['GET', `/containers/${g.ctr}/archive`, 'archive without a path'],
    ['GET', `/events?${query({ since: time, until: '1' })}`, `events since=${time}`],
    ['GET', `/events?${query({ since: '0', until: time })}`, `events until=${time}`],
    ['GET', `/containers/json?${query({ limit: bad })}`, `list limit=${bad}`],
    ['POST', `/containers/${g.ctr}/stop?${query({ t: bad })}`, `stop t=${bad}`],
    ['POST', `/containers/${g.ctr}/restart?${query({ t: bad })}`, `restart t=${bad}`],
    ['POST', `/containers/create?${query({ platform: `bogus/${g.hex(3)}` })}`, 'create for a bogus platform'],
  ] as const);
  if (path.startsWith('/containers/create'))
    return jsonCase(method, path, { Image: g.missing('fuzz-no-such-image') }, what);
  return { method, path, headers: {}, what };
};

export const badMethod: CaseBuilder = (g) => {
  const [method, path] = g.pick([
    ['GET', '/containers/create'],
    ['PUT', '/containers/json'],
    ['DELETE', '/_ping'],
    ['PATCH', `/containers/${g.ctr}/json`],
    ['POST', '/version'],
    ['DELETE', '/info'],
    ['PUT', '/images/json'],
    ['GET', `/containers/${g.ctr}/start`],
    ['DELETE', '/volumes'],
    ['PATCH', '/events'],
    ['POST', `/containers/${g.ctr}/logs`],
    ['GET', `/containers/${g.ctr}/kill`],
    ['PUT', `/containers/${g.ctr}/rename`],
    ['TRACE', '/_ping'],
    ['PROPFIND', '/containers/json'],
    ['FOO', '/_ping'],
    [`X${g.hex(3).toUpperCase()}`, '/version'],
    ['CONNECT', '/_ping'],
    ['LINK', '/containers/json'],
  ] as const);
  return {
    method,
    path,
    headers: method === 'PATCH' || method === 'PUT' ? JSON_TYPE : {},
    what: `${method} ${path.replace(g.ctr, '{id}')}`,
  };
};
