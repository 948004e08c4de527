/**
 * What a feature tells the shell about itself: the hash URLs it answers to (`#/<segment>/…`), how
 * to parse and write them, the page each one shows, and its entry in the sidebar. The shell knows
 * no page by name; it assembles these from the one list in features.ts.
 */
import type { ComponentType, ReactNode } from 'react';
import type { Role } from '../../../shared/domain/enums.ts';
import type { MessageKey } from '../i18n/catalog.ts';

export type RouteShape = { name: string };

export interface FeatureRoutes<R extends RouteShape> {
  /** The first part of the hash: `accounts` for `#/accounts/<id>`. */
  segment: string;
  /** Every route name parse can return, so a route is written back by the entry that read it. */
  names: readonly R['name'][];
  /** The route for the parts after the segment; undefined sends the person to the home queue. */
  parse(rest: readonly string[]): R | undefined;
  format(route: R): string;
  /** The page; keyed by what it shows, so another record starts a fresh page. */
  render(route: R): ReactNode;
}

/**
 * A sidebar entry: a plain link, or the feature's own item (the inbox with its queues). `roles`:
 * the only roles it is shown to (the rest may not use the page); absent, everyone.
 */
export type NavEntry<R extends RouteShape> = { order: number; roles?: readonly Role[] } & (
  { label: MessageKey; to: R; placement: 'main' | 'bottom' } | { Item: ComponentType<{ active: boolean }> }
);

export interface Feature<R extends RouteShape = RouteShape> {
  /** The sidebar entry lit while one of the feature's routes is shown (the ticket lights the inbox). */
  section: string;
  /** One entry per first part of the hash the feature answers to. */
  routes: readonly FeatureRoutes<R>[];
  nav?: NavEntry<R>;
}
