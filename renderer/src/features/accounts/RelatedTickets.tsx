/**
 * Every ticket of one account, or of one contact: where the account and contact pages' "see all"
 * leads when their recent tickets are not all of them. Paged and virtualized like the inbox.
 */
import { useCallback, useState } from 'react';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { usePagedList, type FetchPage } from '../../api/use-paged-list.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate } from '../../shell/router.ts';
import { PagedListbox } from '../../ui/PagedListbox.tsx';
import { useNow } from '../../ui/time.tsx';
import { TicketSummary } from './TicketMiniList.tsx';

const TICKET_ENTITIES = ['ticket'] as const;

export type RelatedTo = { kind: 'account' | 'contact'; id: string };

export function RelatedTickets({ of }: { of: RelatedTo }) {
  const { t } = useI18n();
  const now = useNow();
  const [selected, setSelected] = useState(0);
  const owner = useQuery(
    `${of.kind}-name:${of.id}`,
    async (api) =>
      of.kind === 'account' ? (await api.accounts.get({ id: of.id })).account.name : (await api.contacts.get({ id: of.id })).contact.name,
    ['account', 'contact'],
  );
  const name = owner.data ?? '';
  const fetchPage = useCallback<FetchPage<TicketListRow>>(
    (api, cursor) =>
      api.tickets.list({
        filter: of.kind === 'account' ? { accountIds: [of.id] } : { requesterIds: [of.id] },
        sort: 'updated_desc',
        cursor,
        limit: 100,
      }),
    [of.kind, of.id],
  );
  const list = usePagedList(`${of.kind}:${of.id}`, fetchPage, TICKET_ENTITIES);
  const back = of.kind === 'account' ? `#/accounts/${of.id}` : `#/contacts/${of.id}`;

  return (
    <section className="list-page" aria-labelledby="related-title">
      <a className="back-link" href={back}>
        ← {name || t('accounts.back')}
      </a>
      <header className="view-header">
        <h1 id="related-title">{t('accounts.allTicketsOf', { name })}</h1>
      </header>
      <PagedListbox
        list={list}
        empty={t('accounts.noTickets')}
        label={t('accounts.allTicketsOf', { name })}
        idPrefix="related-ticket"
        rowHeight={44}
        rowKey={(row) => row.id}
        placeholder={t('state.loading')}
        selected={selected}
        onSelect={setSelected}
        onOpen={(index) => {
          const row = list.rowAt(index);
          if (row) navigate({ name: 'ticket', id: row.id });
        }}
        renderRow={(row) => (
          <div className="mini-ticket related-ticket">
            <TicketSummary row={row} now={now} />
          </div>
        )}
      />
    </section>
  );
}
