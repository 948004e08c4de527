/** The renewal rules the account screens show (docs/accounts.md). */
import type { Account } from '../../../../shared/domain/records.ts';

/** The person's calendar date (YYYY-MM-DD) at `now`, in their own time zone. */
export function localDate(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * An active account whose renewal date has passed: allowed (the renewal may be under way) but
 * flagged, since an active customer is renewed before the date.
 */
export function renewalOverdue(account: Pick<Account, 'lifecycleStage' | 'renewalDate'>, today: string): boolean {
  return account.lifecycleStage === 'active' && account.renewalDate !== null && account.renewalDate < today;
}
