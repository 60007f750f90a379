import { urlOf } from '../route.js';
import type { Mutation } from '../types.js';

export const listIgnoresLabel: Mutation = {
  name: 'list-ignores-label',
  description:
    'GET /containers/json ignores the label filter (lists every container the other filters allow)',
  expectFailing: ['docker-api/containers-list.test.ts > ContainerList > filters by label key and key=value'],
  rewriteUrl: (req) => {
    if (req.method !== 'GET' || req.route !== '/containers/json') return undefined;
    const raw = req.query.get('filters');
    if (!raw) return undefined;
    let filters: Record<string, unknown>;
    try {
      filters = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (!('label' in filters)) return undefined;
    delete filters.label;
    const query = new URLSearchParams(req.query);
    if (Object.keys(filters).length > 0) query.set('filters', JSON.stringify(filters));
    else query.delete('filters');
    return urlOf(req, query);
  },
};
