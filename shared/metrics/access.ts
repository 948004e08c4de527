/** Who may read the service metrics: the people who oversee every team (the console and the server ask the same). */
import { AppError } from '../contract/errors.ts';
import type { Role } from '../domain/enums.ts';
import { overseesAll } from '../sync/scopes.ts';

export function assertMayReadMetrics(role: Role | null): void {
  if (role === null || !overseesAll(role))
    throw new AppError('FORBIDDEN', 'the service metrics are for supervisors and admins: ask one to share them with you');
}
