/**
 * One customer account, as its account manager looks at it: its figures, the editable fields, the
 * contacts (role, primary), open tasks, recent tickets and the relationship timeline; L logs an
 * interaction.
 */
import { useEffect, useState } from 'react';
import { CONTACT_ROLES } from '../../../../shared/domain/enums.ts';
import type { Task } from '../../../../shared/domain/records.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { isBareShortcut } from '../../ui/keyboard.ts';
import { Select } from '../../ui/Select.tsx';
import { useNow } from '../../ui/time.tsx';
import { AccountEditor } from './AccountEditor.tsx';
import { HealthPanel, useAccountHealth } from './HealthPanel.tsx';
import { HealthScore } from './HealthScore.tsx';
import { LogInteractionDialog } from './LogInteraction.tsx';
import { localDate, renewalOverdue } from './renewal.ts';
import { TicketMiniList } from './TicketMiniList.tsx';
import { Timeline } from './Timeline.tsx';
import { LOG_INTERACTION_KEY } from '../tasks/shortcuts.ts';
import { TaskEditor } from '../tasks/TaskEditor.tsx';

export function AccountDetail({ id }: { id: string }) {
  const { t, l, f } = useI18n();
  const api = useApi();
  const now = useNow();
  const query = useQuery(`account:${id}`, (api) => api.accounts.get({ id }), ['account', 'contact', 'ticket', 'task']);
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  // The same score as the health panel below (live for the owner), not the stored daily one beside it.
  const health = useAccountHealth(id);
  const [logging, setLogging] = useState(false);
  const [addingTask, setAddingTask] = useState(false);
  const [editingTask, setEditingTask] = useState<Task | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== LOG_INTERACTION_KEY || e.shiftKey || !isBareShortcut(e)) return;
      e.preventDefault();
      setLogging(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const back = (
    <a className="back-link" href="#/accounts">
      ← {t('accounts.back')}
    </a>
  );
  if (query.status !== 'ready') return <NotReady back={back} state={query} />;

  const { account, owner, contacts, recentTickets, ticketCount, openTasks } = query.data;
  // Who may own an account: the account managers, supervisors and admins.
  const managers = (directory.data?.users ?? []).filter((u) => u.active && u.role !== 'agent');
  return (
    <article className="page" aria-labelledby="account-title">
      {back}
      <header className="page-header">
        <h1 id="account-title">{account.name}</h1>
        {account.domain && <span className="muted">{account.domain}</span>}
        <button type="button" className="button button-primary" onClick={() => setLogging(true)} aria-keyshortcuts="L">
          {t('logInteraction.open')}
        </button>
      </header>
      {logging && <LogInteractionDialog accountId={account.id} contacts={contacts} onClose={() => setLogging(false)} />}
      <dl className="stat-grid">
        <div className="stat">
          <dt>{t('accounts.tier')}</dt>
          <dd>
            <span className={`chip chip-tier-${account.tier}`}>{l.tier(account.tier)}</span>
          </dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.stage')}</dt>
          <dd>
            <span className={`chip chip-stage-${account.lifecycleStage}`}>{l.lifecycle(account.lifecycleStage)}</span>
          </dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.owner')}</dt>
          <dd>{owner?.name ?? t('accounts.noOwner')}</dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.renewal')}</dt>
          <dd>
            {account.renewalDate ? f.calendarDate(account.renewalDate) : t('accounts.noRenewal')}
            {renewalOverdue(account, localDate(now)) && <span className="field-notice"> {t('accountEdit.renewalPast')}</span>}
          </dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.annualValue')}</dt>
          <dd className="stat-number">{f.currency(account.annualValueMinor, account.currency)}</dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.health')}</dt>
          <dd>
            <HealthScore score={health.data?.score ?? account.healthScore} />
          </dd>
        </div>
      </dl>
      <AccountEditor key={account.updatedAt} account={account} managers={managers} />
      <HealthPanel accountId={account.id} />
      <div className="two-columns">
        <section className="panel" aria-labelledby="contacts-title">
          <h2 id="contacts-title" className="panel-title">
            {t('accounts.contacts')} <span className="muted">{f.number(contacts.length)}</span>
          </h2>
          {contacts.length === 0 ? (
            <p className="muted">{t('accounts.noContacts')}</p>
          ) : (
            <ul className="mini-list mini-list-contacts">
              {contacts.map((c) => (
                <li key={c.id} className="account-contact">
                  <a className="mini-contact" href={`#/contacts/${c.id}`}>
                    <span className="mini-contact-name">{c.name}</span>
                    <span className="muted truncate">{c.title ?? c.email ?? ''}</span>
                    <span className={`customer-type customer-${c.customerType}`}>{l.customerType(c.customerType)}</span>
                  </a>
                  <Select
                    aria-label={t('contactRole.label', { name: c.name })}
                    options={CONTACT_ROLES}
                    label={(r) => t(`contactRole.${r}`)}
                    value={c.role ?? ''}
                    none={t('contactRole.none')}
                    onChange={(role) => {
                      const { tenantId: _t, version: _v, createdAt: _c, updatedAt: _u, ...fields } = c;
                      void runMutation(api, 'contact.upsert', { ...fields, role });
                    }}
                  />
                  {account.primaryContactId === c.id ? (
                    <span className="chip">{t('contacts.primary')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('contacts.makePrimaryOf', { name: c.name })}
                      onClick={() => void runMutation(api, 'account.update', { id: account.id, changes: { primaryContactId: c.id } })}
                    >
                      {t('contacts.makePrimary')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="recent-title">
          <h2 id="recent-title" className="panel-title">
            {t('accounts.recentTickets')} <span className="muted">{t('accounts.ticketTotal', { count: ticketCount })}</span>
          </h2>
          <TicketMiniList tickets={recentTickets} total={ticketCount} allHref={`#/accounts/${account.id}/tickets`} now={now} />
        </section>
      </div>
      <section className="panel" aria-labelledby="tasks-title">
        <h2 id="tasks-title" className="panel-title">
          {t('accounts.openTasks')} <span className="muted">{f.number(openTasks.length)}</span>
        </h2>
        <button type="button" className="button button-small" onClick={() => setAddingTask(true)}>
          {t('tasks.new')}
        </button>
        {editingTask && <TaskEditor draft={{ task: editingTask, accountName: account.name }} onClose={() => setEditingTask(null)} />}
        {addingTask && (
          <TaskEditor draft={{ task: null, accountId: account.id, accountName: account.name }} onClose={() => setAddingTask(false)} />
        )}
        {openTasks.length === 0 ? (
          <p className="muted">{t('accounts.noOpenTasks')}</p>
        ) : (
          <ul className="mini-list">
            {openTasks.map((task) => (
              <li key={task.id} className={task.dueAt < now ? 'field-notice' : undefined}>
                <button
                  type="button"
                  className="task-row-title"
                  aria-label={t('tasks.edit', { title: task.title })}
                  onClick={() => {
                    const { assigneeName: _name, ...fields } = task;
                    setEditingTask(fields);
                  }}
                >
                  {task.title}
                </button>{' '}
                · {t('timeline.taskDue', { date: f.date(task.dueAt) })}
                {task.assigneeName && <span className="muted"> · {task.assigneeName}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Timeline accountId={account.id} />
    </article>
  );
}
