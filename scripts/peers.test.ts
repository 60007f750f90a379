import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/results/host.js';

const run = promisify(execFile);

describe('npm run peers: Podman and the loopback registry', () => {
  it('marks the peers registry insecure in a registries.conf.d drop-in, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-peers-'));
    try {
      const script = join(projectRoot(), 'scripts/peers.sh');
      const env = { ...process.env, PEERS_SOURCE_ONLY: '1', PODMAN_REGISTRIES_D: dir };
      const call = `source '${script}' && configure_podman_registry && configure_podman_registry`;
      await run('bash', ['-c', call], { env, timeout: 10_000 });
      const conf = await readFile(join(dir, '50-shipshape-peers.conf'), 'utf8');
      expect(conf).toContain('[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n');
      expect(conf.match(/\[\[registry\]\]/g)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
