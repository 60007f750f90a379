import { type CaseBuilder, type Gen, jsonCase, textCase } from './gen-context.js';

// Bodies: the wrong JSON type in a field, bodies that are not JSON, and bodies over the limit. Only
// values Docker's decoder refuses: a string where a list is wanted is fine for Cmd, Entrypoint,
// Shell, Healthcheck.Test and CapAdd/CapDrop (strslice), and null is fine anywhere (absent).

const NOT_STRING = [1, true, {}, [], 1.5, ['x']];
const NOT_INT = ['1', true, {}, [], 1.5, '1g', [1]];
const NOT_BOOL = ['true', 1, 0, {}, [], 'yes'];
const NOT_STR_LIST = ['x', 1, true, {}, [1], [{}], [true], [['x']]];
const NOT_STR_SLICE = [1, true, {}, [1], [{}], [null, 1]]; // a plain string would be accepted
const NOT_STR_MAP = [[], 'x', 1, { a: 1 }, { a: {} }, { a: ['x'] }, { a: true }];
const NOT_OBJECT = [[], 'x', 1, true];
const NOT_EMPTY_OBJ_MAP = [[], 'x', 1, { '/a': 1 }, { '/a': 'x' }, { '/a': [] }];

type Field = [path: string, wrong: readonly unknown[]];

const CREATE_FIELDS: Field[] = [
  ...['Image', 'Hostname', 'Domainname', 'User', 'WorkingDir', 'StopSignal', 'MacAddress'].map(
    (f): Field => [f, NOT_STRING],
  ),
  ...['AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'OpenStdin', 'StdinOnce', 'NetworkDisabled'].map(
    (f): Field => [f, NOT_BOOL],
  ),
  ['StopTimeout', NOT_INT],
  ['Env', NOT_STR_LIST],
  ['OnBuild', NOT_STR_LIST],
  ['Cmd', NOT_STR_SLICE],
  ['Entrypoint', NOT_STR_SLICE],
  ['Shell', NOT_STR_SLICE],
  ['Labels', NOT_STR_MAP],
  ['ExposedPorts', NOT_EMPTY_OBJ_MAP],
  ['Volumes', NOT_EMPTY_OBJ_MAP],
  ['Healthcheck', NOT_OBJECT],
  ['Healthcheck.Interval', NOT_INT],
  ['Healthcheck.Test', NOT_STR_LIST], // []string, not a strslice
  ['Healthcheck.Retries', NOT_INT],
  ['HostConfig', NOT_OBJECT],
  ['NetworkingConfig', NOT_OBJECT],
  ['NetworkingConfig.EndpointsConfig', NOT_OBJECT],
  ...[
    'Memory',
    'MemorySwap',
    'MemoryReservation',
    'CpuShares',
    'CpuPeriod',
    'CpuQuota',
    'NanoCpus',
    'PidsLimit',
    'BlkioWeight',
    'ShmSize',
    'OomScoreAdj',
  ].map((f): Field => [`HostConfig.${f}`, NOT_INT]),
  ...['Privileged', 'AutoRemove', 'ReadonlyRootfs', 'PublishAllPorts', 'OomKillDisable', 'Init'].map(
    (f): Field => [`HostConfig.${f}`, NOT_BOOL],
  ),
  ...['NetworkMode', 'PidMode', 'IpcMode', 'CgroupParent', 'Runtime', 'UsernsMode', 'CpusetCpus'].map(
    (f): Field => [`HostConfig.${f}`, NOT_STRING],
  ),
  ...['Binds', 'Dns', 'DnsSearch', 'DnsOptions', 'ExtraHosts', 'SecurityOpt', 'VolumesFrom', 'GroupAdd'].map(
    (f): Field => [`HostConfig.${f}`, NOT_STR_LIST],
  ),
  ['HostConfig.CapAdd', NOT_STR_SLICE],
  ['HostConfig.CapDrop', NOT_STR_SLICE],
  ...['Sysctls', 'StorageOpt', 'Tmpfs'].map((f): Field => [`HostConfig.${f}`, NOT_STR_MAP]),
  ...['RestartPolicy', 'LogConfig', 'PortBindings'].map((f): Field => [`HostConfig.${f}`, NOT_OBJECT]),
  ['HostConfig.RestartPolicy.Name', NOT_STRING],
  ['HostConfig.RestartPolicy.MaximumRetryCount', NOT_INT],
  ['HostConfig.LogConfig.Type', NOT_STRING],
  ['HostConfig.LogConfig.Config', NOT_STR_MAP],
  ['HostConfig.Mounts', ['x', 1, {}, [1], ['x']]],
  ['HostConfig.Mounts.0.Type', NOT_STRING],
  ['HostConfig.Mounts.0.Target', NOT_STRING],
  ['HostConfig.Mounts.0.ReadOnly', NOT_BOOL],
  ['HostConfig.Devices', ['x', 1, {}, [1]]],
  ['HostConfig.Devices.0.PathOnHost', NOT_STRING],
  ['HostConfig.Ulimits', ['x', 1, {}, [1]]],
  ['HostConfig.Ulimits.0.Name', NOT_STRING],
  ['HostConfig.Ulimits.0.Soft', NOT_INT],
  ['HostConfig.PortBindings.80/tcp', ['x', 1, {}, [1]]],
  ['HostConfig.PortBindings.80/tcp.0.HostPort', NOT_STRING],
];

const UPDATE_FIELDS: Field[] = [
  ...[
    'Memory',
    'MemorySwap',
    'MemoryReservation',
    'KernelMemory',
    'CpuShares',
    'CpuPeriod',
    'CpuQuota',
    'NanoCpus',
    'PidsLimit',
    'BlkioWeight',
    'CpuRealtimePeriod',
  ].map((f): Field => [f, NOT_INT]),
  ['CpusetCpus', NOT_STRING],
  ['CpusetMems', NOT_STRING],
  ['RestartPolicy', NOT_OBJECT],
  ['RestartPolicy.Name', NOT_STRING],
  ['RestartPolicy.MaximumRetryCount', NOT_INT],
];

const VOLUME_FIELDS: Field[] = [
  ['Name', NOT_STRING],
  ['Driver', NOT_STRING],
  ['DriverOpts', NOT_STR_MAP],
  ['Labels', NOT_STR_MAP],
];

const EXEC_FIELDS: Field[] = [
  ['Cmd', NOT_STR_LIST.filter((v) => !Array.isArray(v) || v.length > 0)],
  ['Env', NOT_STR_LIST],
  ['User', NOT_STRING],
  ['WorkingDir', NOT_STRING],
  ...['Tty', 'AttachStdout', 'AttachStderr', 'AttachStdin', 'Privileged', 'Detach'].map(
    (f): Field => [f, NOT_BOOL],
  ),
];

/** Sets `path` (dots; digits index arrays) in a copy of `base` to `value`, making what is missing. */
export function setPath(
  base: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const root = structuredClone(base);
  const parts = path.split('.');
  let at: Record<string, unknown> | unknown[] = root;
  for (const [i, part] of parts.entries()) {
    const key: string | number = /^\d+$/.test(part) ? Number(part) : part;
    if (i === parts.length - 1) {
      (at as Record<string | number, unknown>)[key] = value;
      break;
    }
    const next = parts[i + 1] as string;
    const holder = at as Record<string | number, unknown>;
    const child = holder[key];
    if (child === null || typeof child !== 'object') holder[key] = /^\d+$/.test(next) ? [] : {};
    at = holder[key] as Record<string, unknown>;
  }
  return root;
}

function wrongField(
  g: Gen,
  fields: Field[],
  base: Record<string, unknown>,
): [Record<string, unknown>, string] {
  const [path, wrong] = g.pick(fields);
  const value = g.pick(wrong);
  return [setPath(base, path, value), `${path} = ${JSON.stringify(value)}`];
}

export const wrongType: CaseBuilder = (g) => {
  const which = g.pick(['create', 'create', 'create', 'update', 'volume', 'exec', 'commit', 'root'] as const);
  const createBase = { Image: g.target.image, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } };
  switch (which) {
    case 'create': {
      const [body, what] = wrongField(g, CREATE_FIELDS, createBase);
      return jsonCase('POST', `/containers/create?name=${g.missing('fuzz')}`, body, `create: ${what}`);
    }
    case 'update': {
      const [body, what] = wrongField(g, UPDATE_FIELDS, {});
      return jsonCase('POST', `/containers/${g.ctr}/update`, body, `update: ${what}`);
    }
    case 'volume': {
      const [body, what] = wrongField(g, VOLUME_FIELDS, { Name: g.missing('fuzz-vol') });
      return jsonCase('POST', '/volumes/create', body, `volume create: ${what}`);
    }
    case 'exec': {
      const [body, what] = wrongField(g, EXEC_FIELDS, { Cmd: ['true'] });
      return jsonCase('POST', `/containers/${g.ctr}/exec`, body, `exec create: ${what}`);
    }
    case 'commit': {
      // dockerd decodes a commit body as a create body: config, HostConfig, NetworkingConfig.
      const [body, what] = wrongField(g, CREATE_FIELDS.slice(1), {});
      return jsonCase(
        'POST',
        `/commit?container=${g.ctr}&repo=${g.missing('fuzz-commit')}`,
        body,
        `commit: ${what}`,
      );
    }
    case 'root': {
      const value = g.pick([[], 'x', 1, true, [createBase]]);
      const route = g.pick([
        '/containers/create',
        `/containers/${g.ctr}/update`,
        '/volumes/create',
        `/containers/${g.ctr}/exec`,
      ]);
      return jsonCase('POST', route, value, `body ${JSON.stringify(value).slice(0, 40)} is not an object`);
    }
  }
};

/** Texts no JSON decoder takes whole. */
function brokenJson(g: Gen, valid: string): string {
  const cut = valid.slice(0, g.int(1, valid.length - 1)); // an object cut short is never whole
  return g.pick([
    cut,
    cut,
    '{',
    '[',
    '{"a":}',
    '{"a" 1}',
    "{'Image': 'x'}",
    '{"a":1,}',
    '{a:1}',
    'nul',
    'tru',
    '"unterminated',
    '{"a":"\\x"}',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":01}',
    '{"a":.5}',
    `{${'"k":'.repeat(20)}1}`,
    `${'['.repeat(g.int(10, 5000))}`,
    '\u0000\u0001\u0002',
    `{"a":"${'\\u'.repeat(3)}"}`,
  ]);
}

export const badJson: CaseBuilder = (g) => {
  // A create names a missing image: a decoder that took a valid prefix would still change nothing.
  const image = g.missing('fuzz-no-such-image');
  const routes: Array<[string, string]> = [
    ['/containers/create', JSON.stringify({ Image: image, Cmd: ['true'] })],
    [`/containers/${g.ctr}/update`, JSON.stringify({ Memory: 0, CpuShares: 0 })],
    ['/volumes/create', JSON.stringify({ Name: g.missing('fuzz/vol') })],
    [`/containers/${g.ctr}/exec`, JSON.stringify({ Cmd: ['true'] })],
  ];
  const [route, valid] = g.pick(routes);
  const kind = g.int(0, 9);
  if (kind === 0)
    return textCase(
      'POST',
      route,
      Buffer.from(Array.from({ length: g.int(1, 64) }, () => g.int(0, 255))),
      'random bytes',
    );
  if (kind === 1 && route === '/containers/create')
    return textCase(
      'POST',
      route,
      `${valid}${g.pick([' x', '}', '{}', ',', ' ]'])}`,
      'a whole object, then more',
    );
  if (kind === 2)
    return {
      method: 'POST',
      path: route,
      headers: {
        'Content-Type': g.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/jsonx',
          'image/png',
        ]),
      },
      body: Buffer.from(valid),
      what: 'JSON with a content type that is not JSON',
    };
  if (kind === 3) {
    // A byte that is not UTF-8 inside a value that is refused anyway (a decoder reads it as U+FFFD; in a
    // key it would only name an unknown field, which decoders ignore).
    const [where, text] = g.pick([
      ['/containers/create', `{"Image":"${g.missing('fuzz-no-such-image')}X"}`],
      ['/volumes/create', `{"Name":"${g.missing('fuzz/vol')}X"}`],
    ] as const);
    const bad = Buffer.from(text);
    bad[bad.lastIndexOf('X')] = g.pick([0xff, 0xc3, 0x80, 0xfe]);
    return textCase('POST', where, bad, 'invalid UTF-8 in a value');
  }
  const text = brokenJson(g, valid);
  return textCase('POST', route, text, `not JSON: ${JSON.stringify(text.slice(0, 30))}`);
};

export const overLimit: CaseBuilder = (g) => {
  const pad = 'a'.repeat(g.bodyLimit + g.int(1, 64 * 1024));
  // Invalid in another way too (missing image, bad volume name), so an engine without a limit changes nothing.
  if (g.chance(0.5))
    return jsonCase(
      'POST',
      '/containers/create',
      { Image: g.missing('fuzz-no-such-image'), Labels: { pad } },
      `create body over ${g.bodyLimit} bytes`,
    );
  return jsonCase(
    'POST',
    '/volumes/create',
    { Name: g.missing('fuzz/vol'), Labels: { pad } },
    `volume body over ${g.bodyLimit} bytes`,
  );
};
