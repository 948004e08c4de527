/**
 * Who the ticket is for: a combobox over `contacts.find` (searched as the agent types; arrows move,
 * Enter picks, Esc closes the list) whose last option creates a contact inline, prefilled from
 * what was typed. A picked contact shows as a card with a way to change it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { CUSTOMER_TYPES, LOCALES } from '../../../../shared/domain/enums.ts';
import type { Contact } from '../../../../shared/domain/records.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useDebounced } from '../../ui/use-debounced.ts';
import { FormField } from './FormField.tsx';
import type { NewContact, Problems, Requester } from './form.ts';
import { Select } from '../../ui/Select.tsx';

type Found = Contact & { accountName: string | null };
type Results = { q: string; contacts: Found[]; failed: boolean };

const EMAIL_LIKE = /@/;
const PHONE_LIKE = /^\+?[\d\s().-]+$/;

/** A new contact prefilled from the search text: an email, a phone number, or else a name. */
function prefill(query: string, locale: NewContact['locale']): NewContact {
  const q = query.trim();
  return {
    name: EMAIL_LIKE.test(q) || PHONE_LIKE.test(q) ? '' : q,
    email: EMAIL_LIKE.test(q) ? q : '',
    phone: !EMAIL_LIKE.test(q) && PHONE_LIKE.test(q) ? q : '',
    customerType: 'first_time_buyer',
    locale,
  };
}

export function RequesterPicker(props: {
  value: Requester;
  onChange(next: Requester): void;
  problems: Problems;
  /** Ids of the inputs, so the form can move focus to the first problem. */
  inputIds: { search: string; name: string; email: string; phone: string };
}) {
  const { value, onChange, problems, inputIds } = props;
  const api = useApi();
  const { t, l, locale } = useI18n();
  const ids = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [results, setResults] = useState<Results | null>(null);
  const q = useDebounced(text.trim(), 150);

  useEffect(() => {
    if (!q) return;
    let current = true;
    api.contacts.find({ query: q, limit: 8 }).then(
      (contacts) => current && setResults({ q, contacts, failed: false }),
      () => current && setResults({ q, contacts: [], failed: true }),
    );
    return () => {
      current = false;
    };
  }, [api, q]);

  const contacts = results && results.q === q ? results.contacts : [];
  const searching = q !== '' && results?.q !== q;
  // The last option always creates a contact, so an agent never has to leave the dialog.
  const optionCount = contacts.length + 1;
  const expanded = open && text.trim() !== '';

  const pick = (contact: Found) => {
    setOpen(false);
    onChange({ kind: 'existing', contact });
  };
  const createNew = () => {
    setOpen(false);
    onChange({ kind: 'new', contact: prefill(text, locale) });
  };
  const choose = (index: number) => {
    const contact = contacts[index];
    if (contact) pick(contact);
    else createNew();
  };
  const searchAgain = () => {
    onChange(null);
    // The search box comes back on the next render; give it the focus then.
    requestAnimationFrame(() => searchRef.current?.focus());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % optionCount : (a - 1 + optionCount) % optionCount));
    } else if (e.key === 'Enter') {
      // Enter picks from the list; it never submits the whole form from here.
      e.preventDefault();
      if (expanded && !searching) choose(Math.min(active, optionCount - 1));
    } else if (e.key === 'Escape' && expanded) {
      // The first Esc closes the list; the next one (not stopped) closes the dialog.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  if (value?.kind === 'existing') {
    const { contact } = value;
    return (
      <div className="field">
        <span className="field-label" id={`${ids}-label`}>
          {t('newTicket.requester')}
        </span>
        <div className="requester-card" role="group" aria-labelledby={`${ids}-label`}>
          <span className="requester-card-name">{contact.name}</span>
          <span className="muted truncate">{[contact.email, contact.phone].filter(Boolean).join(' · ')}</span>
          <button type="button" className="button button-small" onClick={searchAgain}>
            {t('newTicket.changeRequester')}
          </button>
        </div>
      </div>
    );
  }

  if (value?.kind === 'new') {
    const { contact } = value;
    const set = (patch: Partial<NewContact>) => onChange({ kind: 'new', contact: { ...contact, ...patch } });
    return (
      <fieldset className="new-contact">
        <legend>{t('newTicket.newContact')}</legend>
        <div className="form-grid">
          <FormField id={inputIds.name} label={t('newTicket.contactName')} error={problems.contactName && t(problems.contactName)}>
            <input value={contact.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />
          </FormField>
          <FormField id={inputIds.email} label={t('newTicket.contactEmail')} error={problems.contactEmail && t(problems.contactEmail)}>
            <input type="email" value={contact.email} autoComplete="off" onChange={(e) => set({ email: e.target.value })} />
          </FormField>
          <FormField id={inputIds.phone} label={t('newTicket.contactPhone')} error={problems.contactPhone && t(problems.contactPhone)}>
            <input type="tel" value={contact.phone} autoComplete="off" onChange={(e) => set({ phone: e.target.value })} />
          </FormField>
          <FormField id={`${ids}-type`} label={t('ticket.customerType')}>
            <Select
              options={CUSTOMER_TYPES}
              label={l.customerType}
              value={contact.customerType}
              onChange={(c) => set({ customerType: c ?? contact.customerType })}
            />
          </FormField>
          <FormField id={`${ids}-locale`} label={t('contact.language')}>
            <Select
              options={LOCALES}
              label={(c) => t(`settings.locale.${c}`)}
              value={contact.locale}
              onChange={(c) => set({ locale: c ?? contact.locale })}
            />
          </FormField>
        </div>
        <p className="hint-inline">{l.customerHint(contact.customerType)}</p>
        <button type="button" className="button button-small" onClick={searchAgain}>
          {t('newTicket.searchInstead')}
        </button>
      </fieldset>
    );
  }

  const optionId = (i: number) => `${ids}-option-${i}`;
  return (
    <div className="field combobox">
      <label className="field-label" htmlFor={inputIds.search}>
        {t('newTicket.requester')}
      </label>
      <input
        ref={searchRef}
        id={inputIds.search}
        data-autofocus
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${ids}-list`}
        aria-activedescendant={expanded && !searching ? optionId(Math.min(active, optionCount - 1)) : undefined}
        aria-invalid={problems.requester ? true : undefined}
        aria-describedby={problems.requester ? `${ids}-error` : `${ids}-hint`}
        placeholder={t('newTicket.requesterPlaceholder')}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {problems.requester ? (
        <span id={`${ids}-error`} className="field-error">
          {t(problems.requester)}
        </span>
      ) : (
        <span id={`${ids}-hint`} className="kbd-hint">
          {t('newTicket.requesterHint')}
        </span>
      )}
      <button type="button" className="button button-small combobox-new" onClick={createNew}>
        {t('newTicket.newContact')}
      </button>
      <div className="combobox-popup" hidden={!expanded}>
        {searching && (
          <p className="search-status" role="status">
            {t('search.searching')}
          </p>
        )}
        {!searching && results?.failed && (
          <p className="search-status" role="status">
            {t('newTicket.searchFailed')}
          </p>
        )}
        {!searching && !results?.failed && contacts.length === 0 && (
          <p className="search-status" role="status">
            {t('newTicket.noContacts', { query: q })}
          </p>
        )}
        <ul id={`${ids}-list`} role="listbox" aria-label={t('newTicket.requesterResults')} className="search-results">
          {!searching &&
            [...contacts, null].map((contact, i) => (
              <li
                key={contact?.id ?? 'new'}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className="search-hit"
                // Keep the focus in the box: a click picks without blurring it first.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(i)}
              >
                {contact ? (
                  <>
                    <span className="search-hit-title">{contact.name}</span>
                    <span className="search-snippet">
                      {[contact.email, contact.phone, contact.accountName].filter(Boolean).join(' · ')}
                    </span>
                  </>
                ) : (
                  <span className="search-hit-title">{t('newTicket.createContact', { query: text.trim() })}</span>
                )}
              </li>
            ))}
        </ul>
      </div>
    </div>
  );
}
