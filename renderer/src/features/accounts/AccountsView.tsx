/**
 * The portfolio: an account manager's accounts (everyone else sees every account) with what needs
 * attention: renewal, value, health, open tickets, last contact, next task. Sorted six ways,
 * filtered by stage, tier and renewal window, virtualized and keyset-paged by Core
 * (accounts.portfolio; the figures are defined in docs/accounts.md).
 */
import { useCallback, useState, type FormEvent } from 'react';
import {
  PORTFOLIO_SORTS,
  RENEWAL_WINDOWS,
  type PortfolioFilter,
  type PortfolioRow,
  type PortfolioSort,
  type PortfolioView,
} from '../../../../shared/areas/accounts/channels.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { AccountTier, LifecycleStage } from '../../../../shared/domain/enums.ts';
import { usePagedList, type FetchPage } from '../../api/use-paged-list.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate } from '../../shell/router.ts';
import { ListPage } from '../../ui/ListPage.tsx';
import { Select } from '../../ui/Select.tsx';
import { RelativeTime, useNow } from '../../ui/time.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { TrendFigure } from './HealthPanel.tsx';
import { HealthScore } from './HealthScore.tsx';
import { localDate, renewalOverdue } from './renewal.ts';

const ACCOUNT_ENTITIES = ['account', 'contact', 'ticket', 'interaction', 'task'] as const;
type Owner = 'me' | 'all';
type Window = (typeof RENEWAL_WINDOWS)[number];

export function AccountsView() {
  const { t, l, f } = useI18n();
  const now = useNow();
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  // An account manager's home is their own portfolio; everyone else starts from every account.
  const managing = directory.data?.me?.role === 'account_manager';
  const [ownerChoice, setOwner] = useState<Owner | null>(null);
  const owner: Owner = ownerChoice ?? (managing ? 'me' : 'all');
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState<LifecycleStage | ''>('');
  const [tier, setTier] = useState<AccountTier | ''>('');
  const [renewal, setRenewal] = useState<Window | ''>('');
  const [healthFell, setHealthFell] = useState(false);
  const [sort, setSort] = useState<PortfolioSort>('renewal');
  const views = useQuery('portfolioViews', (api) => api.portfolioViews.list({}));
  const [savingView, setSavingView] = useState(false);
  const api = useApi();
  const [selected, setSelected] = useState(0);
  const settledQuery = useDebounced(query.trim(), 200);
  const today = localDate(now);

  const fetchPage = useCallback<FetchPage<PortfolioRow>>(
    (api, cursor) =>
      api.accounts.portfolio({
        owner,
        query: settledQuery,
        lifecycleStages: stage ? [stage] : [],
        tiers: tier ? [tier] : [],
        renewalWithinDays: renewal || null,
        healthFell,
        sort,
        today,
        cursor,
        limit: 100,
      }),
    [owner, settledQuery, stage, tier, renewal, healthFell, sort, today],
  );
  const list = usePagedList(
    [owner, settledQuery, stage, tier, renewal, healthFell, sort, today].join('\u0000'),
    fetchPage,
    ACCOUNT_ENTITIES,
  );
  // What is shown now, as a view would keep it; the view that keeps exactly this is the one selected.
  const shown: Pick<PortfolioView, 'filter' | 'sort'> = {
    filter: {
      owner,
      query: query.trim(),
      lifecycleStages: stage ? [stage] : [],
      tiers: tier ? [tier] : [],
      renewalWithinDays: renewal || null,
      healthFell,
    },
    sort,
  };
  const savedViews = views.data?.views ?? [];
  const selectedView = savedViews.find((v) => sameView(v, shown)) ?? null;
  const applyView = (view: PortfolioView) => {
    setOwner(view.filter.owner);
    setQuery(view.filter.query);
    setStage(view.filter.lifecycleStages[0] ?? '');
    setTier(view.filter.tiers[0] ?? '');
    setRenewal(view.filter.renewalWithinDays ?? '');
    setHealthFell(view.filter.healthFell);
    setSort(view.sort);
  };
  const open = (index: number) => {
    const row = list.rowAt(index);
    if (row) navigate({ name: 'account', id: row.id });
  };

  return (
    <>
      {savingView && (
        <SaveViewDialog
          shown={shown}
          onSaved={() => {
            views.reload();
            setSavingView(false);
          }}
          onClose={() => setSavingView(false)}
        />
      )}
      <ListPage
        titleId="accounts-title"
        title={owner === 'me' ? t('portfolio.title') : t('accounts.title')}
        search={{ label: t('accounts.searchLabel'), placeholder: t('accounts.searchPlaceholder'), value: query, onChange: setQuery }}
        filters={
          <>
            <span className="portfolio-views">
              <label className="field-inline">
                <span>{t('portfolio.views')}</span>
                <select
                  value={selectedView?.id ?? ''}
                  onChange={(e) => {
                    const view = savedViews.find((v) => v.id === e.target.value);
                    if (view) applyView(view);
                  }}
                >
                  <option value="">{t('portfolio.noView')}</option>
                  {savedViews.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </label>
              {selectedView ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void api.portfolioViews.delete({ id: selectedView.id }).then(views.reload)}
                >
                  {t('portfolio.deleteView')}
                </button>
              ) : (
                <button type="button" className="button button-small" onClick={() => setSavingView(true)}>
                  {t('portfolio.saveView')}
                </button>
              )}
            </span>
            <label className="field-inline">
              <span>{t('portfolio.owner')}</span>
              <Select
                options={['me', 'all'] as const}
                label={(o) => t(`portfolio.owner.${o}`)}
                value={owner}
                onChange={(o) => setOwner(o ?? 'all')}
              />
            </label>
            <label className="field-inline">
              <span>{t('portfolio.renewal')}</span>
              <Select
                options={RENEWAL_WINDOWS}
                label={(days) => t('portfolio.renewalWithin', { days })}
                value={renewal}
                none={t('portfolio.anyRenewal')}
                onChange={(d) => setRenewal(d ?? '')}
              />
            </label>
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
            <label className="field-inline">
              <span>{t('accounts.tier')}</span>
              <Select
                options={AccountTier.options}
                label={l.tier}
                value={tier}
                none={t('portfolio.allTiers')}
                onChange={(s) => setTier(s ?? '')}
              />
            </label>
            <label className="field-inline">
              <input type="checkbox" checked={healthFell} onChange={(e) => setHealthFell(e.target.checked)} />
              <span>{t('portfolio.healthFell')}</span>
            </label>
            <label className="field-inline">
              <span>{t('portfolio.sort')}</span>
              <Select
                options={PORTFOLIO_SORTS}
                label={(s) => t(`portfolio.sort.${s}`)}
                value={sort}
                onChange={(s) => setSort(s ?? 'renewal')}
              />
            </label>
          </>
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
          <div className="account-row portfolio-row">
            <span className="account-row-main">
              <span className="account-row-name">{row.name}</span>
              <span className="account-row-meta">
                {row.nextTask
                  ? t('portfolio.nextTask', { title: row.nextTask.title, date: f.date(row.nextTask.dueAt) })
                  : (row.ownerName ?? t('accounts.noOwner'))}
              </span>
            </span>
            <span className={`chip chip-tier-${row.tier}`}>{l.tier(row.tier)}</span>
            <span className={`chip chip-stage-${row.lifecycleStage}`}>{l.lifecycle(row.lifecycleStage)}</span>
            <span className={renewalOverdue(row, today) ? 'field-notice' : 'account-row-meta'}>
              {row.renewalDate ? t('portfolio.renews', { date: f.calendarDate(row.renewalDate) }) : t('accounts.noRenewal')}
            </span>
            <HealthScore score={row.healthScore} compact />
            <span>
              <span className="visually-hidden">{t('portfolio.trendLabel')} </span>
              <TrendFigure trend={row.healthTrend} compact />
            </span>
            <span className="account-row-tickets">{t('accounts.openTickets', { count: row.openTicketCount })}</span>
            <span className="account-row-meta">
              {row.lastContactAt === null ? (
                t('portfolio.neverContacted')
              ) : (
                <>
                  {t('portfolio.lastContact')} <RelativeTime at={row.lastContactAt} now={now} />
                </>
              )}
            </span>
            <span className="account-row-value">{f.currency(row.annualValueMinor, row.currency)}</span>
          </div>
        )}
      />
    </>
  );
}

/** Whether a saved view keeps exactly the filters and sort shown. */
function sameView(view: Pick<PortfolioView, 'filter' | 'sort'>, shown: Pick<PortfolioView, 'filter' | 'sort'>): boolean {
  const key = ({ filter, sort }: Pick<PortfolioView, 'filter' | 'sort'>) => {
    const f: PortfolioFilter = filter;
    return JSON.stringify([f.owner, f.query, f.lifecycleStages, f.tiers, f.renewalWithinDays, f.healthFell, sort]);
  };
  return key(view) === key(shown);
}

/** Names the view shown now and saves it for the person (portfolioViews.save). */
function SaveViewDialog({ shown, onSaved, onClose }: { shown: Pick<PortfolioView, 'filter' | 'sort'>; onSaved(): void; onClose(): void }) {
  const { t, l } = useI18n();
  const api = useApi();
  const [id] = useState(() => uuidv7());
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(t('portfolio.viewNameRequired'));
    setBusy(true);
    try {
      await api.portfolioViews.save({ view: { id, name: name.trim(), ...shown } });
      onSaved();
    } catch (err) {
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('portfolio.saveViewTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <p className="muted">{t('portfolio.saveViewHint')}</p>
        <label className="field">
          <span>{t('portfolio.viewName')}</span>
          <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-autofocus />
        </label>
        <DialogActions error={error} onCancel={onClose} action={{ label: t('portfolio.saveView'), busy }} />
      </form>
    </Dialog>
  );
}
