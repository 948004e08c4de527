/** The account portfolio: searchable, filterable by lifecycle stage, virtualized and paged. */
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { AccountListRow } from '../../../../shared/contract/channels.ts';
import { LifecycleStage } from '../../../../shared/domain/enums.ts';
import { usePagedList, type FetchPage } from '../../api/use-paged-list.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate } from '../../shell/router.ts';
import { ListPage } from '../../ui/ListPage.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { Select } from '../../ui/Select.tsx';

type Row = z.infer<typeof AccountListRow>;
const ACCOUNT_ENTITIES = ['account', 'contact', 'ticket'] as const;

export function AccountsView() {
  const { t, l, f } = useI18n();
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState<LifecycleStage | ''>('');
  const [selected, setSelected] = useState(0);
  const settledQuery = useDebounced(query.trim(), 200);

  const fetchPage = useCallback<FetchPage<Row>>(
    (api, cursor) => api.accounts.list({ query: settledQuery, lifecycleStages: stage ? [stage] : [], cursor, limit: 100 }),
    [settledQuery, stage],
  );
  const list = usePagedList(`${settledQuery}\u0000${stage}`, fetchPage, ACCOUNT_ENTITIES);
  const open = (index: number) => {
    const row = list.rowAt(index);
    if (row) navigate({ name: 'account', id: row.id });
  };

  return (
    <ListPage
      titleId="accounts-title"
      title={t('accounts.title')}
      search={{ label: t('accounts.searchLabel'), placeholder: t('accounts.searchPlaceholder'), value: query, onChange: setQuery }}
      filters={
        <label className="field-inline">
          <span>{t('accounts.stageLabel')}</span>
          <Select
            options={LifecycleStage.options}
            label={l.lifecycle}
            value={stage}
            none={t('accounts.allStages')}
            onChange={(s) => setStage(s ?? '')}
          />
        </label>
      }
      list={list}
      empty={t('accounts.empty')}
      label={t('accounts.listLabel')}
      idPrefix="account"
      rowHeight={56}
      rowKey={(row) => row.id}
      placeholder={t('state.loading')}
      selected={selected}
      onSelect={setSelected}
      onOpen={open}
      renderRow={(row) => (
        <div className="account-row">
          <span className="account-row-main">
            <span className="account-row-name">{row.name}</span>
            <span className="account-row-meta">{row.domain ?? ''}</span>
          </span>
          <span className={`chip chip-tier-${row.tier}`}>{l.tier(row.tier)}</span>
          <span className={`chip chip-stage-${row.lifecycleStage}`}>{l.lifecycle(row.lifecycleStage)}</span>
          <span className={`account-row-owner${row.ownerName ? '' : ' muted'}`}>{row.ownerName ?? t('accounts.noOwner')}</span>
          <span className="account-row-tickets">{t('accounts.openTickets', { count: row.openTicketCount })}</span>
          <span className="account-row-value">{f.currency(row.annualValueMinor, row.currency)}</span>
        </div>
      )}
    />
  );
}
