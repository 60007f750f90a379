import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { malformedRequests } from './malformed-requests.js';
import { pingsWithin, runFuzz } from './run-fuzz.js';

// Honest by construction: a fake Docker API that crashes on the first body that is not JSON (as a
// daemon decoding without a guard would). The hostile-input check sees the crash: the run ends with
// `diedAfter` and _ping no longer answers. The same fake without the crash passes.
const FAKE = `
const http = require('node:http');
const [sock, crash] = process.argv.slice(1);
http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.url === '/_ping') return res.end('OK');
    if (body !== '') {
      try { JSON.parse(body); } catch {
        if (crash === 'crash') process.exit(1);
      }
    }
    res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"message":"refused"}');
  });
}).listen(sock, () => console.log('ready'));`;

let child: ChildProcess | undefined;
let dir = '';
afterEach(() => {
  child?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function fake(mode: 'crash' | 'survive'): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'shipshape-fake-api-'));
  const sock = join(dir, 'api.sock');
  child = spawn(process.execPath, ['-e', FAKE, sock, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child?.stdout?.once('data', () => resolve()));
  return `unix://${sock}`;
}

const cases = () =>
  malformedRequests({ seed: 7, count: 40, target: { container: 'c0ffee', image: 'probe' } });

describe('hostile input against a fake API', () => {
  it('sees the crash of one that dies on bad JSON', async () => {
    const address = await fake('crash');
    const report = await runFuzz(address, cases(), { timeoutMs: 2_000 });
    expect(report.diedAfter, 'the case after which it stopped answering').toBeDefined();
    expect(report.sent).toBeLessThan(40);
    expect(await pingsWithin(address, 1_000)).toBe(false);
  });

  it('finds nothing wrong with the same API when it refuses bad JSON instead', async () => {
    const address = await fake('survive');
    const report = await runFuzz(address, cases(), { timeoutMs: 2_000 });
    expect(report.diedAfter).toBeUndefined();
    expect(await pingsWithin(address, 1_000)).toBe(true);
  });
});
