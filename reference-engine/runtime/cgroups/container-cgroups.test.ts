import { randomBytes } from 'node:crypto';
import { existsSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OciConfig } from '../config/oci-config.js';
import { createCgroups, removeCgroups } from './container-cgroups.js';

const IS_ROOT = process.getuid?.() === 0;
const id = () => randomBytes(8).toString('hex');

describe.skipIf(!IS_ROOT)(`container cgroups${IS_ROOT ? '' : ' (needs root)'}`, () => {
  it('leaves at once a parent the first create made once another container lives below it', async () => {
    const parent = `shipshape-test-${id()}`;
    const config = (cid: string) => ({ linux: { cgroupsPath: `/${parent}/${cid}` } }) as OciConfig;
    const first = await createCgroups('a', config(id()));
    const second = await createCgroups('b', config(id()));
    const parents = [...new Set(second.procsFiles.map((f) => dirname(dirname(f))))];
    try {
      expect(first.created.length).toBeGreaterThan(second.created.length); // the first made the parents
      const started = Date.now();
      await removeCgroups(first.created);
      // Busy for good (the second's cgroup is below): no 3 s of EBUSY retries per hierarchy.
      expect(Date.now() - started).toBeLessThan(1000);
      for (const f of first.procsFiles) expect(existsSync(dirname(f))).toBe(false);
      for (const f of second.procsFiles) expect(existsSync(f)).toBe(true);
    } finally {
      await removeCgroups(second.created);
      for (const dir of parents) if (existsSync(dir)) rmdirSync(dir);
    }
  });
});
