/**
 * Each role lands where it works: supervisors and admins on the workload board, account managers
 * on their accounts, agents (and a console with nobody signed in) on their queue. Only an address
 * with no page in it lands there; a link to a page opens that page.
 */
import type { Role } from '../../../shared/domain/enums.ts';
import { HOME } from '../features/inbox/routes.ts';
import type { Route } from './routes.ts';

export function homeFor(role: Role | null): Route {
  if (role === 'supervisor' || role === 'admin') return { name: 'board' };
  if (role === 'account_manager') return { name: 'accounts' };
  return HOME;
}

/** An address that names no page: the console's bare start (`''`, `#`, `#/`). */
export const isBareAddress = (hash: string): boolean => hash.replace(/^#\/?/, '') === '';

/** Whether a sidebar entry is for this person: an entry with no roles is for everyone, as is everything with nobody signed in. */
export const navFor = (roles: readonly Role[] | undefined, role: Role | null): boolean =>
  roles === undefined || role === null || roles.includes(role);
