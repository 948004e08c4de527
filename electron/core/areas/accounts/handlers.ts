/** The accounts area's channels: accounts and contacts. */
import type { accountsChannels } from '../../../../shared/areas/accounts/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createAccountsHandlers({ repos, now }: HandlerContext): AreaHandlers<typeof accountsChannels> {
  return {
    'accounts.list': (input) => repos.accounts.list(input),
    'accounts.get': ({ id }) => repos.accounts.get(id),
    'accounts.health': ({ accountId }) => repos.health.get(accountId, now()),
    'accounts.portfolio': (input) => repos.portfolio.list(input),
    'accounts.timeline': (input) => repos.timeline.list(input),
    'portfolioViews.list': () => repos.portfolio.views(),
    'portfolioViews.save': ({ view }) => repos.portfolio.saveView(view),
    'portfolioViews.delete': ({ id }) => repos.portfolio.deleteView(id),

    'contacts.find': ({ query, limit }) => repos.contacts.find(query, limit),
    'contacts.get': ({ id }) => repos.contacts.get(id),
  };
}
