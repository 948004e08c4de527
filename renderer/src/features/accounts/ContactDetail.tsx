/** One customer contact: who they are, how to treat them, and their recent tickets; a link back to their account. */
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { useNow } from '../../ui/time.tsx';
import { TicketMiniList } from './TicketMiniList.tsx';

export function ContactDetail({ id }: { id: string }) {
  const { t, l } = useI18n();
  const now = useNow();
  const query = useQuery(`contact:${id}`, (api) => api.contacts.get({ id }), ['contact', 'account', 'ticket']);
  // The way back: to the contact's account when they have one, else to the accounts.
  const backTo = (account: { id: string; name: string } | null) => (
    <a className="back-link" href={account ? `#/accounts/${account.id}` : '#/accounts'}>
      ← {account ? account.name : t('accounts.back')}
    </a>
  );
  if (query.status !== 'ready') return <NotReady back={backTo(null)} state={query} />;

  const { contact, account, recentTickets, ticketCount } = query.data;
  const none = t('contact.noValue');
  return (
    <article className="page" aria-labelledby="contact-title">
      {backTo(account)}
      <header className="page-header">
        <h1 id="contact-title">{contact.name}</h1>
        {contact.title && <span className="muted">{contact.title}</span>}
      </header>
      <div className="two-columns">
        <section className="panel" aria-labelledby="contact-details-title">
          <h2 id="contact-details-title" className="panel-title">
            {t('ticket.requester')}
          </h2>
          <dl className="props">
            <dt>{t('ticket.account')}</dt>
            <dd>
              {account ? <a href={`#/accounts/${account.id}`}>{account.name}</a> : <span className="muted">{t('ticket.noAccount')}</span>}
            </dd>
            <dt>{t('ticket.email')}</dt>
            <dd className="truncate">{contact.email ?? none}</dd>
            <dt>{t('ticket.phone')}</dt>
            <dd>{contact.phone ?? none}</dd>
            <dt>{t('contact.language')}</dt>
            <dd>{t(`settings.locale.${contact.locale}`)}</dd>
            <dt>{t('ticket.customerType')}</dt>
            <dd>
              <span className={`customer-type customer-${contact.customerType}`}>{l.customerType(contact.customerType)}</span>
            </dd>
          </dl>
          <div className="hint">
            <span className="hint-label">{t('ticket.handlingHint')}</span>
            <p>{l.customerHint(contact.customerType)}</p>
          </div>
        </section>
        <section className="panel" aria-labelledby="contact-tickets-title">
          <h2 id="contact-tickets-title" className="panel-title">
            {t('accounts.recentTickets')} <span className="muted">{t('accounts.ticketTotal', { count: ticketCount })}</span>
          </h2>
          <TicketMiniList tickets={recentTickets} total={ticketCount} allHref={`#/contacts/${contact.id}/tickets`} now={now} />
        </section>
      </div>
    </article>
  );
}
