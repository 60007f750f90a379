import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/engines/runtime-cli/defaults.js';
import { InvalidArgument } from '../../errors.js';
import { validateConfig } from './validate-config.js';

type Cfg = ReturnType<typeof defaultConfig>;

const withEdit = (edit: (c: Cfg) => void) => {
  const c = JSON.parse(JSON.stringify(defaultConfig()));
  edit(c);
  return () => validateConfig(c);
};

describe('validateConfig', () => {
  it('accepts the runc-spec-like default config', () => {
    expect(validateConfig(defaultConfig()).ociVersion).toBe('1.0.2');
  });

  it.each([
    [
      'process.args',
      (c: Cfg) => {
        c.process.args = [];
      },
    ],
    [
      'process.cwd',
      (c: Cfg) => {
        c.process.cwd = 'relative';
      },
    ],
    [
      'process.user.uid',
      (c: Cfg) => {
        c.process.user.uid = -1;
      },
    ],
    [
      'process.capabilities.bounding[0]',
      (c: Cfg) => {
        c.process.capabilities = { bounding: ['CAP_NOPE'] };
      },
    ],
    [
      'process.rlimits[0].type',
      (c: Cfg) => {
        c.process.rlimits = [{ type: 'RLIMIT_X', soft: 1, hard: 1 }];
      },
    ],
    [
      'process.rlimits[0]',
      (c: Cfg) => {
        c.process.rlimits = [{ type: 'RLIMIT_NOFILE', soft: 9, hard: 1 }];
      },
    ],
    [
      'mounts[0].destination',
      (c: Cfg) => {
        Object.assign(c.mounts[0] ?? {}, { destination: 7 });
      },
    ],
    [
      'linux.namespaces[1].type',
      (c: Cfg) => {
        Object.assign(c.linux.namespaces?.[1] ?? {}, { type: 'nope' });
      },
    ],
    [
      'linux.namespaces[1].type',
      (c: Cfg) => {
        Object.assign(c.linux.namespaces?.[1] ?? {}, { type: 'pid' });
      },
    ],
    [
      'linux.devices[0]',
      (c: Cfg) => {
        Object.assign(c.linux, { devices: ['/dev/null'] });
      },
    ],
    [
      'hooks.prestart[0].path',
      (c: Cfg) => {
        c.hooks = { prestart: [{ path: 'rel' }] };
      },
    ],
    [
      'ociVersion',
      (c: Cfg) => {
        c.ociVersion = '2.0.0';
      },
    ],
    [
      'root',
      (c: Cfg) => {
        Reflect.deleteProperty(c, 'root');
      },
    ],
  ])('names %s when it is wrong', (field, edit) => {
    const check = withEdit(edit);
    expect(check).toThrow(InvalidArgument);
    expect(check).toThrow(`config.json: ${field}:`);
  });
});
