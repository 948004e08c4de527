/** One customer account, as its account manager looks at it. */
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { useNow } from '../../ui/time.tsx';
import { TicketMiniList } from './TicketMiniList.tsx';

export function AccountDetail({ id }: { id: string }) {
  const { t, l, f } = useI18n();
  const now = useNow();
  const query = useQuery(`account:${id}`, (api) => api.accounts.get({ id }), ['account', 'contact', 'ticket']);
  const back = (
    <a className="back-link" href="#/accounts">
      ← {t('accounts.back')}
    </a>
  );
  if (query.status !== 'ready') return <NotReady back={back} state={query} />;

  const { account, owner, contacts, recentTickets, ticketCount } = query.data;
  return (
    <article className="page" aria-labelledby="account-title">
      {back}
      <header className="page-header">
        <h1 id="account-title">{account.name}</h1>
        {account.domain && <span className="muted">{account.domain}</span>}
      </header>
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
          <dd>{account.renewalDate ? f.calendarDate(account.renewalDate) : t('accounts.noRenewal')}</dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.annualValue')}</dt>
          <dd className="stat-number">{f.currency(account.annualValueMinor, account.currency)}</dd>
        </div>
        <div className="stat">
          <dt>{t('accounts.health')}</dt>
          <dd>
            {account.healthScore === null ? (
              t('accounts.healthUnknown')
            ) : (
              <span className="health">
                <meter min={0} max={100} low={40} high={70} optimum={100} value={account.healthScore} />
                {t('accounts.healthValue', { score: account.healthScore })}
              </span>
            )}
          </dd>
        </div>
      </dl>
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
                <li key={c.id}>
                  <a className="mini-contact" href={`#/contacts/${c.id}`}>
                    <span className="mini-contact-name">{c.name}</span>
                    <span className="muted truncate">{c.title ?? c.email ?? ''}</span>
                    <span className={`customer-type customer-${c.customerType}`}>{l.customerType(c.customerType)}</span>
                  </a>
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
      {account.notes && (
        <section className="panel" aria-labelledby="notes-title">
          <h2 id="notes-title" className="panel-title">
            {t('accounts.notes')}
          </h2>
          <p className="prose">{account.notes}</p>
        </section>
      )}
    </article>
  );
}
