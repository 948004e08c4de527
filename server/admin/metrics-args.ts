/**
 * `server:admin -- metrics` options as a metrics query: each option is one field of the query
 * (lists comma-separated); the query's own schema then judges the values, so the command line and
 * POST /metrics refuse the same things with the same messages.
 */
import { UsageError } from '../cli-args.ts';

const LISTS: Record<string, string> = {
  teams: 'teamIds',
  agents: 'agentIds',
  channels: 'channels',
  priorities: 'priorities',
  types: 'types',
  'customer-types': 'customerTypes',
  tiers: 'accountTiers',
  tags: 'tags',
};
const FIELDS: Record<string, string> = {
  period: 'period',
  from: 'from',
  to: 'to',
  'time-zone': 'timeZone',
  granularity: 'granularity',
  fcr: 'fcr',
};

export const METRICS_OPTIONS = ['tenant', ...Object.keys(FIELDS), ...Object.keys(LISTS), 'compare', 'ces-scale'];

export function metricsQueryFromArgs(args: ReadonlyMap<string, string>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const filters: Record<string, string[]> = {};
  for (const [option, field] of Object.entries(FIELDS)) if (args.has(option)) query[field] = args.get(option);
  for (const [option, field] of Object.entries(LISTS))
    if (args.has(option))
      filters[field] = args
        .get(option)!
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
  if (Object.keys(filters).length > 0) query.filters = filters;
  const compare = args.get('compare');
  if (compare !== undefined) {
    if (compare !== 'yes' && compare !== 'no') throw new UsageError('--compare must be yes or no');
    query.compare = compare === 'yes';
  }
  const scale = args.get('ces-scale');
  if (scale !== undefined) query.cesScale = Number(scale);
  return query;
}
