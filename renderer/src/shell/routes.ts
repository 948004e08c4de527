/**
 * The console's places, as hash URLs (`#/inbox/mine`, `#/tickets/<id>`, …) and back. Each feature
 * declares its own (shell/feature.ts); this table is assembled from the list in features.ts, which
 * the shell installs before its first render.
 */
import { HOME } from '../features/inbox/routes.ts';
import type { FEATURES } from './features.ts';
import type { Feature, FeatureRoutes, RouteShape } from './feature.ts';

type RouteOf<F> = F extends Feature<infer R> ? R : never;
export type Route = RouteOf<(typeof FEATURES)[number]>;

interface Table {
  bySegment: Map<string, FeatureRoutes<RouteShape>>;
  byName: Map<string, { feature: Feature; routes: FeatureRoutes<RouteShape> }>;
}

/** Set once by the shell (installFeatures); the router cannot import the features, whose pages import the router. */
let table: Table | undefined;

export function installFeatures(features: readonly Feature[]): void {
  const next: Table = { bySegment: new Map(), byName: new Map() };
  for (const feature of features) {
    for (const routes of feature.routes) {
      next.bySegment.set(routes.segment, routes);
      for (const name of routes.names) next.byName.set(name, { feature, routes });
    }
  }
  table = next;
}

function installed(): Table {
  if (!table) throw new Error('No features installed: the shell installs them before its first render.');
  return table;
}

function entryOf(route: Route) {
  const entry = installed().byName.get(route.name);
  if (!entry) throw new Error(`No feature shows the route ${route.name}.`);
  return entry;
}

export function parseHash(hash: string): Route {
  const [segment = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  return (installed().bySegment.get(segment)?.parse(rest) as Route | undefined) ?? HOME;
}

export const formatHash = (route: Route): string => entryOf(route).routes.format(route);

/** The page a route shows. */
export const renderRoute = (route: Route) => entryOf(route).routes.render(route);

/** The sidebar section a route lights. */
export const sectionOf = (route: Route): string => entryOf(route).feature.section;
