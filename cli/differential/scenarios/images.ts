import type { Scenario, ScenarioContext } from '../model/types.js';
import { call } from './step.js';

const ref = (ctx: ScenarioContext): string => `shipshape-diff/${ctx.token}-image:v1`;

/** The fixture's ID is shared with whoever else loaded it: keep only the names this run gave it. */
const ours = (names: unknown, ctx: ScenarioContext): unknown =>
  Array.isArray(names) ? names.filter((n) => typeof n === 'string' && n.includes(ctx.token)) : names;

const onlyOurNames =
  (...fields: string[]) =>
  (body: unknown, ctx: ScenarioContext): unknown => {
    const one = (item: unknown) =>
      item !== null && typeof item === 'object'
        ? Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fields.includes(k) ? ours(v, ctx) : v]))
        : item;
    return Array.isArray(body) ? body.map(one) : one(body);
  };

/** The probe fixture loaded under a tag of its own, looked at every way, then untagged. */
export const images: Scenario = {
  name: 'images',
  description: 'image load, inspect, list, history and remove of the probe fixture',
  steps: [
    { name: 'load', run: (ctx) => ctx.loadImage(ref(ctx)) },
    call('inspect', 'GET', (ctx) => `/images/${ref(ctx)}/json`, {
      select: onlyOurNames('RepoTags', 'RepoDigests'),
      byValue: [
        '/Id',
        '/RepoTags',
        '/Os',
        '/Architecture',
        '/Author',
        '/Comment',
        '/Config/Env',
        '/Config/Cmd',
        '/Config/Entrypoint',
        '/Config/WorkingDir',
        '/Config/User',
        '/Config/Labels',
        '/RootFS',
      ],
    }),
    call('list', 'GET', '/images/json', {
      query: (ctx) => ({ filters: { reference: [ref(ctx)] } }),
      select: onlyOurNames('RepoTags', 'RepoDigests'),
      byValue: ['/*/Id', '/*/RepoTags', '/*/Labels', '/*/Containers'],
    }),
    call('history', 'GET', (ctx) => `/images/${ref(ctx)}/history`, {
      select: onlyOurNames('Tags'),
      byValue: ['/*/CreatedBy', '/*/Tags', '/*/Comment'],
    }),
    call('remove', 'DELETE', (ctx) => `/images/${ref(ctx)}`, { byValue: ['/*/Untagged'] }),
  ],
};
