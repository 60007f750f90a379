import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../errors.js';
import { checkRequestConfig } from './check-config.js';
import { extraHostLines, hostsText, resolvConfText } from './etc-files.js';
import { checkListFilters, matchesFilters, matchLabels, parseUntil } from './list-filters.js';
import { mergeConfig } from './merge-config.js';
import { humanDuration, statusText } from './status-text.js';
import { parsePs } from './top.js';
import {
  type ContainerRecord,
  canExec,
  canKill,
  canPause,
  canRemove,
  canStart,
  canStop,
  canUnpause,
  type DockerStatus,
  isRunning,
} from './types.js';

const ID = 'f'.repeat(64);
const STATUSES: DockerStatus[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function record(
  over: Partial<ContainerRecord> = {},
  state: Partial<ContainerRecord['state']> = {},
): ContainerRecord {
  return {
    id: ID,
    name: '/web',
    created: '2026-01-01T00:00:00.000000000Z',
    imageRef: 'probe:1',
    image: 'sha256:abc',
    path: '/bin/probe',
    args: [],
    config: { Labels: { a: '1', b: '' } },
    hostConfig: { NetworkMode: 'none' },
    state: {
      status: 'exited',
      pid: 0,
      exitCode: 3,
      error: '',
      oomKilled: false,
      startedAt: '2026-01-01T00:00:01Z',
      finishedAt: '2026-01-01T00:00:05Z',
      hasBeenStarted: true,
      manuallyStopped: false,
      ...state,
    },
    restartCount: 0,
    driver: 'overlay',
    snapshotKey: ID,
    mounts: [
      {
        Type: 'volume',
        Name: 'data',
        Source: '/v/data/_data',
        Destination: '/d',
        Mode: '',
        RW: true,
        Propagation: '',
      },
    ],
    anonymousVolumes: [],
    resolvConfPath: '',
    hostnamePath: '',
    hostsPath: '',
    ...over,
  };
}

describe('status guards', () => {
  const table = (guard: (s: DockerStatus) => boolean) => STATUSES.filter(guard);
  it('allow what dockerd allows', () => {
    expect(table(canStart)).toEqual(['created', 'exited', 'dead']);
    expect(table(isRunning)).toEqual(['running', 'paused', 'restarting']);
    expect(table(canStop)).toEqual(['running', 'paused', 'restarting']);
    expect(table(canKill)).toEqual(['running', 'paused', 'restarting']);
    expect(table(canPause)).toEqual(['running']);
    expect(table(canUnpause)).toEqual(['paused']);
    expect(table(canExec)).toEqual(['running']);
    expect(table((s) => canRemove(s, false))).toEqual(['created', 'removing', 'exited', 'dead']);
    expect(table((s) => canRemove(s, true))).toEqual(STATUSES);
  });
});

describe('list filters', () => {
  const lookup = {
    imageId: (r: string) => (r === 'probe:1' ? 'sha256:abc' : undefined),
    container: () => record(),
  };

  it('matches labels by key and key=value, with negation', () => {
    expect(matchLabels({ a: '1' }, ['a'])).toBe(true);
    expect(matchLabels({ a: '1' }, ['a=1'])).toBe(true);
    expect(matchLabels({ a: '1' }, ['a=2'])).toBe(false);
    expect(matchLabels({ a: '1' }, [], ['a'])).toBe(false);
  });

  it.each([
    [{ id: [ID.slice(0, 5)] }, true],
    [{ id: ['0000'] }, false],
    [{ name: ['^/we'] }, true],
    [{ name: ['web'] }, true],
    [{ name: ['nope'] }, false],
    [{ status: ['exited', 'running'] }, true],
    [{ status: ['running'] }, false],
    [{ exited: ['3'] }, true],
    [{ exited: ['0'] }, false],
    [{ ancestor: ['probe:1'] }, true],
    [{ ancestor: ['abc'] }, true],
    [{ ancestor: ['other'] }, false],
    [{ volume: ['data'] }, true],
    [{ volume: ['/d'] }, true],
    [{ volume: ['x'] }, false],
    [{ network: ['none'] }, true],
    [{ network: ['bridge'] }, false],
    [{ health: ['none'] }, true],
    [{ health: ['healthy'] }, false],
    [{ label: ['a=1', 'b'] }, true],
  ])('%j matches: %s', (filters, want) => {
    expect(matchesFilters(record(), filters, lookup)).toBe(want);
  });

  it('refuses unknown keys and bad values; status implies all', () => {
    expect(() => checkListFilters({ nope: ['1'] })).toThrow("Invalid filter 'nope'");
    expect(() => checkListFilters({ status: ['sleeping'] })).toThrow(InvalidArgument);
    expect(() => checkListFilters({ exited: ['x'] })).toThrow(InvalidArgument);
    expect(checkListFilters({ status: ['exited'] }).impliesAll).toBe(true);
    expect(checkListFilters({ label: ['a'] }).impliesAll).toBe(false);
  });

  it('parses until as unix time, RFC 3339 or a duration ago', () => {
    expect(parseUntil('1700000000')).toBe(1_700_000_000_000);
    expect(parseUntil('2026-01-01T00:00:00Z')).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(parseUntil('1h30m', 10_000_000)).toBe(10_000_000 - 5_400_000);
    expect(() => parseUntil('yesterday')).toThrow(InvalidArgument);
  });
});

describe('status text', () => {
  it('speaks go-units durations', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(1000)).toBe('1 second');
    expect(humanDuration(59_000)).toBe('59 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3_600_000)).toBe('About an hour');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
  });

  it('says what docker ps says', () => {
    const now = Date.parse('2026-01-01T00:00:10Z');
    expect(statusText(record(), now)).toBe('Exited (3) 5 seconds ago');
    expect(statusText(record({}, { status: 'running' }), now)).toBe('Up 9 seconds');
    expect(statusText(record({}, { status: 'paused' }), now)).toBe('Up 9 seconds (Paused)');
    expect(statusText(record({}, { status: 'restarting' }), now)).toBe('Restarting (3) 5 seconds ago');
    expect(statusText(record({}, { status: 'created', hasBeenStarted: false }), now)).toBe('Created');
    expect(statusText(record({ removing: true }), now)).toBe('Removal In Progress');
  });
});

describe('top output', () => {
  it('keeps the rows of the container pids and the command with its spaces', () => {
    const out =
      'UID PID PPID C STIME TTY TIME CMD\nroot 10 1 0 04:22 ? 00:00:00 /bin/probe sleep 100\nroot 11 1 0 04:22 ? 00:00:00 other\n';
    expect(parsePs(out, [10])).toEqual({
      Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      Processes: [['root', '10', '1', '0', '04:22', '?', '00:00:00', '/bin/probe sleep 100']],
    });
    expect(() => parsePs('USER COMMAND\n', [1])).toThrow('PID');
  });
});

describe('etc files', () => {
  it('writes loopback hosts, the host file with the host network, and ExtraHosts', () => {
    expect(hostsText({ NetworkMode: 'none' })).toMatch(/^127\.0\.0\.1\tlocalhost\n/);
    expect(hostsText({ NetworkMode: 'host' }, () => '10.0.0.1 me\n')).toBe('10.0.0.1 me\n');
    expect(extraHostLines(['db:10.0.0.2', 'v6:::1'])).toEqual(['10.0.0.2\tdb', '::1\tv6']);
    expect(() => extraHostLines(['nocolon'])).toThrow(InvalidArgument);
    expect(() => extraHostLines(['gw:host-gateway'])).toThrow(InvalidArgument);
  });

  it('drops loopback nameservers outside the host network and honours Dns settings', () => {
    const host = () => 'nameserver 127.0.0.53\nsearch example.org\noptions ndots:2\n';
    expect(resolvConfText({ NetworkMode: 'none' }, host)).toBe(
      'nameserver 8.8.8.8\nnameserver 8.8.4.4\nsearch example.org\noptions ndots:2\n',
    );
    expect(resolvConfText({ NetworkMode: 'host' }, host)).toBe(host());
    expect(resolvConfText({ Dns: ['1.1.1.1'], DnsSearch: ['a.b'], DnsOptions: ['x'] }, host)).toBe(
      'nameserver 1.1.1.1\nsearch a.b\noptions x\n',
    );
  });
});

describe('config merge', () => {
  const image = {
    Env: ['PATH=/p', 'A=img'],
    Entrypoint: ['/bin/probe'],
    Cmd: ['report'],
    Labels: { l: 'img' },
    WorkingDir: '/w',
    User: 'shipper',
  };

  it('takes image defaults the request leaves out', () => {
    const c = mergeConfig({ Image: 'x', Env: ['A=req'], Labels: { m: '1' } }, image, ID);
    expect(c).toMatchObject({
      Env: ['A=req', 'PATH=/p'],
      Entrypoint: ['/bin/probe'],
      Cmd: ['report'],
      Labels: { l: 'img', m: '1' },
      WorkingDir: '/w',
      User: 'shipper',
      Hostname: ID.slice(0, 12),
    });
  });

  it('drops the image Cmd when the request sets an Entrypoint, keeps it with a Cmd only', () => {
    expect(mergeConfig({ Image: 'x', Entrypoint: ['/bin/sh'] }, image, ID).Cmd).toBeNull();
    expect(mergeConfig({ Image: 'x', Cmd: ['echo'] }, image, ID)).toMatchObject({
      Entrypoint: ['/bin/probe'],
      Cmd: ['echo'],
    });
  });

  it('resets an Entrypoint of [""] after the merge, as dockerd does', () => {
    expect(mergeConfig({ Image: 'x', Entrypoint: [''], Cmd: ['echo'] }, image, ID)).toMatchObject({
      Entrypoint: null,
      Cmd: ['echo'],
    });
    // [""] is not empty, so the image Cmd is not taken either: nothing is left to run.
    expect(() => mergeConfig({ Image: 'x', Entrypoint: [''] }, image, ID)).toThrow('No command specified');
  });

  it("cleans the working directory as Go's filepath.Clean does", () => {
    expect(mergeConfig({ Image: 'x', WorkingDir: '/a/../b/' }, image, ID).WorkingDir).toBe('/b');
    expect(mergeConfig({ Image: 'x', WorkingDir: '//' }, image, ID).WorkingDir).toBe('/');
  });

  it('refuses no command and a relative working directory', () => {
    expect(() => mergeConfig({ Image: 'x' }, {}, ID)).toThrow('No command specified');
    expect(() => mergeConfig({ Image: 'x', WorkingDir: 'rel' }, image, ID)).toThrow(InvalidArgument);
  });
});

describe("the request's own Config, checked before the image lookup", () => {
  it.each([
    [{ WorkingDir: 'rel' }, "the working directory 'rel' is invalid, it needs to be an absolute path"],
    [{ StopSignal: 'SIGFOO' }, 'Invalid signal: SIGFOO'],
    [{ Env: ['A=1', '=x'] }, 'invalid environment variable: =x'],
    [{ Env: [''] }, 'invalid environment variable: '],
    [{ Healthcheck: { Retries: -1 } }, 'Retries in Healthcheck cannot be negative'],
    // dockerd's order: WorkingDir, StopSignal, Env, Healthcheck.
    [{ Env: ['=x'], WorkingDir: 'rel', Healthcheck: { Interval: 1 } }, "the working directory 'rel'"],
    [{ Env: ['=x'], StopSignal: 'SIGFOO' }, 'Invalid signal: SIGFOO'],
    [{ Env: ['=x'], Healthcheck: { Interval: 1 } }, 'invalid environment variable: =x'],
  ])('refuses %j', (config, message) => {
    expect(() => checkRequestConfig(config)).toThrow(message);
  });

  it('takes a name without a value, an empty value, and no Env', () => {
    expect(() => checkRequestConfig({ Env: ['A', 'B=', 'C==1'], WorkingDir: '/w' })).not.toThrow();
    expect(() => checkRequestConfig({})).not.toThrow();
  });
});
