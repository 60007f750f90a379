import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { EventMessage, Filters } from '../../core/engines/docker-api/index.js';
import { conformance, waitFor } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import {
  buildSpec,
  createBody,
  suiteContext,
  withCmd,
  withLabels,
  withNetworkMode,
} from './support/index.js';

const ctx = suiteContext();
const opts = {
  tags: ['system', 'events'],
  requirements: ['docker-api:SystemEvents'],
  needs: ['events' as const],
};
const LIFECYCLE = ['create', 'start', 'die', 'destroy'];
const labelKey = 'org.shipshape.events';
let since = 0;
let ended = 0;
let labelled = { id: '', name: '' };
let plain = { id: '', name: '' };
let volume = '';
/** Replays taken right after the lifecycle, each bounded by an `until` still ahead when asked. */
const replays = new Map<string, EventMessage[]>();

/** A container that runs `exit 3` and is removed: create, start, die, destroy. */
async function lifecycle(...labels: Record<string, string>[]) {
  const spec = buildSpec(
    ctx,
    withCmd('exit', '3'),
    withNetworkMode('none'),
    ...labels.map((l) => withLabels(l)),
  );
  const { Id } = await ctx.client.containers.create(spec.name, createBody(spec));
  await ctx.client.containers.start(Id);
  await ctx.client.containers.wait(Id, 'not-running', { timeoutMs: 20_000 });
  await ctx.client.containers.remove(Id, { force: true });
  return { id: Id, name: spec.name };
}

/** Every event from `since` to `until` matching `filters` (the stream ends at `until`). */
async function replay(filters: Filters, until: number): Promise<EventMessage[]> {
  const stream = await ctx.client.events({ since, until, filters, streamTimeoutMs: 20_000 });
  const out: EventMessage[] = [];
  for await (const message of stream) out.push(message);
  return out;
}

beforeAll(async () => {
  since = Math.floor(Date.now() / 1000) - 1;
  labelled = await lifecycle({ [labelKey]: ctx.runId });
  plain = await lifecycle();
  volume = ctx.uniqueName('ev-vol');
  await ctx.client.volumes.create({ Name: volume, Labels: { ...ctx.runLabels } });
  await ctx.client.volumes.remove(volume);
  ended = Math.ceil(Date.now() / 1000);
  const until = ended + 1;
  const queries: Record<string, Filters> = {
    byId: { container: [labelled.id] },
    die: { container: [labelled.id], event: ['die'] },
    byName: { container: [plain.name] },
    label: { label: [`${labelKey}=${ctx.runId}`], type: ['container'] },
    volume: { type: ['volume'], volume: [volume] },
  };
  await Promise.all(
    Object.entries(queries).map(async ([key, f]) => replays.set(key, await replay(f, until))),
  );
});
afterAll(async () => {
  await ctx.client.volumes.remove(volume, { force: true }).catch(() => undefined);
});

const got = (key: string): EventMessage[] => replays.get(key) ?? [];
const lifecycleOf = (messages: EventMessage[]) => messages.filter((m) => LIFECYCLE.includes(m.Action ?? ''));

describe('SystemEvents: replay of our container', () => {
  conformance('create, start, die, destroy come in that order', opts, () => {
    expect(lifecycleOf(got('byId')).map((m) => m.Action)).toEqual(LIFECYCLE);
  });

  conformance('every message follows the EventMessage schema', opts, () => {
    expect(got('byId').length).toBeGreaterThan(0);
    for (const message of got('byId')) expectValid('EventMessage', message);
  });

  conformance('each lifecycle message names the container: Actor.ID, name and image', opts, () => {
    const messages = lifecycleOf(got('byId'));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.Type).toBe('container');
      expect(message.Actor?.ID).toBe(labelled.id);
      expect(message.Actor?.Attributes?.name).toBe(labelled.name);
      expect(message.Actor?.Attributes?.image).toBe(ctx.image);
    }
  });

  conformance('die carries the exit code', opts, () => {
    expect(got('byId').find((m) => m.Action === 'die')?.Actor?.Attributes?.exitCode).toBe('3');
  });

  conformance('container labels are event attributes', opts, () => {
    expect(got('byId').find((m) => m.Action === 'create')?.Actor?.Attributes?.[labelKey]).toBe(ctx.runId);
  });

  conformance('time is timeNano in seconds, and times do not go back', opts, () => {
    const messages = got('byId');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages)
      expect(m.time).toBe(Math.floor(Number(BigInt(m.timeNano ?? 0) / 1_000_000_000n)));
    const times = messages.map((m) => m.time ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(since);
  });

  conformance(
    'since and until both in the past: the events are replayed and the stream ends',
    opts,
    async () => {
      await waitFor(() => Date.now() > ended * 1000, {
        timeoutMs: 3_000,
        intervalMs: 50,
        describe: 'until to pass',
      });
      const messages = await replay({ container: [labelled.id] }, ended);
      expect(lifecycleOf(messages).map((m) => m.Action)).toEqual(LIFECYCLE);
    },
  );
});

describe('SystemEvents: filters', () => {
  conformance('event=die gives only die', opts, () => {
    expect(got('die').map((m) => m.Action)).toEqual(['die']);
  });

  conformance('container=NAME matches like the ID', opts, () => {
    const ids = lifecycleOf(got('byName')).map((m) => m.Actor?.ID);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids)).toEqual(new Set([plain.id]));
  });

  conformance('label=KEY=VALUE gives only the labelled container', opts, () => {
    expect(new Set(got('label').map((m) => m.Actor?.ID))).toEqual(new Set([labelled.id]));
  });

  conformance('type=volume with volume=NAME gives the volume create and destroy', opts, () => {
    expect(got('volume').every((m) => m.Type === 'volume')).toBe(true);
    expect(got('volume').map((m) => m.Action)).toEqual(['create', 'destroy']);
  });

  conformance('type=container excludes other types', opts, () => {
    expect(got('label').length).toBeGreaterThan(0);
    expect(got('label').some((m) => m.Type !== 'container')).toBe(false);
  });

  conformance('since after until is refused with 400 and an ErrorResponse', opts, async () => {
    const res = await ctx.client.raw('GET', '/events', {
      query: { since: String(ended + 100), until: String(ended) },
    });
    expect(res.status).toBe(400);
    expectValid('ErrorResponse', res.json());
  });
});

describe('SystemEvents: live', () => {
  conformance('a subscriber sees a container start as it happens', opts, async () => {
    const spec = buildSpec(ctx, withCmd('exit', '0'), withNetworkMode('none'));
    ctx.track(spec.name);
    const { Id } = await ctx.client.containers.create(spec.name, createBody(spec));
    // dockerd flushes the headers before it subscribes: `since` replays anything in that gap.
    const from = Math.floor(Date.now() / 1000) - 1;
    const stream = await ctx.client.events({
      since: from,
      filters: { container: [Id], event: ['start'] },
      streamTimeoutMs: 20_000,
    });
    try {
      await ctx.client.containers.start(Id);
      for await (const message of stream) {
        expect(message.Action).toBe('start');
        expect(message.Actor?.ID).toBe(Id);
        break;
      }
    } finally {
      stream.abort();
    }
  });
});
