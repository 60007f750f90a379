import { describe, expect, it } from 'vitest';
import { namespaceOf, socketPath } from './address.js';
import { ctrMessage } from './ctr-call.js';
import { parseTable } from './table.js';
import { parseCtrVersion } from './version.js';

const ep = (args?: string[]) => ({
  name: 'c',
  family: 'containerd' as const,
  address: 'x',
  source: 't',
  args,
});

describe('ctr output parsing', () => {
  it('cuts tables at header columns, keeping values with spaces whole', () => {
    const out = [
      'REF                 TYPE    DIGEST     SIZE    PLATFORMS   LABELS ',
      'docker.io/a/b:1     m+json  sha256:ab  1.9 MiB linux/amd64 -      ',
    ].join('\n');
    expect(parseTable(out)).toEqual([
      {
        ref: 'docker.io/a/b:1',
        type: 'm+json',
        digest: 'sha256:ab',
        size: '1.9 MiB',
        platforms: 'linux/amd64',
        labels: '-',
      },
    ]);
    expect(parseTable('TASK    PID    STATUS    \n')).toEqual([]);
  });

  it('reads client and server versions, and a client-only answer', () => {
    const both =
      'Client:\n  Version:  1.6.20~ds1\n  Revision: r1\n  Go version: go1.19.8\n\nServer:\n  Version:  1.6.20~ds1\n  Revision: r1\n  UUID: u-1\n';
    expect(parseCtrVersion(both)).toEqual({
      client: { version: '1.6.20~ds1', revision: 'r1', goVersion: 'go1.19.8', uuid: undefined },
      server: { version: '1.6.20~ds1', revision: 'r1', uuid: 'u-1', goVersion: undefined },
    });
    expect(parseCtrVersion('Client:\n  Version:  1.6.20\n').server).toBeUndefined();
  });

  it('takes the last `ctr:` line as the message', () => {
    const stderr = 'time="t" level=error msg="x"\nctr: container "a" in namespace "n": not found\n';
    expect(ctrMessage(stderr)).toBe('container "a" in namespace "n": not found');
    expect(ctrMessage('just text\n')).toBe('just text');
  });

  it('finds the namespace in endpoint args and defaults to shipshape', () => {
    expect(namespaceOf(ep())).toBe('shipshape');
    expect(namespaceOf(ep(['k8s.io']))).toBe('k8s.io');
    expect(namespaceOf(ep(['--debug', '-n', 'ns1']))).toBe('ns1');
    expect(namespaceOf(ep(['--namespace=ns2']))).toBe('ns2');
    expect(socketPath('unix:///run/containerd/containerd.sock')).toBe('/run/containerd/containerd.sock');
  });
});
