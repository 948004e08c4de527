/**
 * The new-ticket form as data: its fields, how they are checked (each problem is a message key the
 * form shows next to its field), and the mutations it turns into. Pure, so the rules read in one
 * place and the dialog only wires them to inputs.
 */
import { z } from 'zod';
import type { Channel, CustomerType, Locale, TicketPriority, TicketStatus, TicketType } from '../../../../shared/domain/enums.ts';
import type { Contact } from '../../../../shared/domain/records.ts';
import type { MutatorArgs } from '../../../../shared/sync/mutators.ts';
import type { MessageKey } from '../../i18n/catalog.ts';

export type NewContact = { name: string; email: string; phone: string; customerType: CustomerType; locale: Locale };

export type Requester =
  { kind: 'existing'; contact: Pick<Contact, 'id' | 'name' | 'email' | 'phone'> } | { kind: 'new'; contact: NewContact } | null;

export interface NewTicketForm {
  channel: Channel;
  requester: Requester;
  subject: string;
  body: string;
  priority: TicketPriority;
  type: TicketType;
  teamId: string;
  assigneeId: string | null;
  /** Space- or comma-separated, as typed. */
  tags: string;
  /** Null: decided by the assignee (see defaultStatus). */
  status: NewTicketStatus | null;
}

/** A ticket cannot be created closed. */
export const NEW_TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved'] as const satisfies readonly TicketStatus[];
export type NewTicketStatus = (typeof NEW_TICKET_STATUSES)[number];

export type Field = 'requester' | 'contactName' | 'contactEmail' | 'contactPhone' | 'subject' | 'body' | 'team' | 'tags';
export type Problems = Partial<Record<Field, MessageKey>>;

/** The order problems are met in the form, so the first one can take focus. */
export const FIELD_ORDER: readonly Field[] = [
  'requester',
  'contactName',
  'contactEmail',
  'contactPhone',
  'subject',
  'body',
  'team',
  'tags',
];

/**
 * What the first message is. A customer's own words (an email forwarded in, a chat transcript, a
 * web form or social post) are logged as the customer's inbound message: they start the reply
 * clocks like any message from the customer, and first-reply time is then measured the same way as
 * for a ticket that arrived by itself. A phone call or a walk-in has no customer text: what the
 * agent writes is their own account of the conversation, so it is an internal note. That keeps the
 * agent's words out of anything sent to the customer, and does not start a reply clock for a
 * conversation that was answered on the spot.
 */
export function firstMessageKind(channel: Channel): 'inbound' | 'note' {
  return channel === 'phone' || channel === 'walk_in' ? 'note' : 'inbound';
}

/** Someone is already working an assigned ticket; an unassigned one waits in the queue as new. */
export function defaultStatus(form: Pick<NewTicketForm, 'assigneeId'>): NewTicketStatus {
  return form.assigneeId === null ? 'new' : 'open';
}

const TAG = /^[^\s,]{1,64}$/;
const PHONE = /^\+?[\d\s().-]{3,40}$/;

export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((t) => t !== ''))];
}

export function validate(form: NewTicketForm): Problems {
  const problems: Problems = {};
  const { requester } = form;
  if (requester === null) problems.requester = 'newTicket.error.requester';
  else if (requester.kind === 'new') {
    const { name, email, phone } = requester.contact;
    if (name.trim() === '') problems.contactName = 'newTicket.error.contactName';
    else if (name.trim().length > 200) problems.contactName = 'newTicket.error.contactNameLong';
    if (email.trim() !== '' && !z.email().max(254).safeParse(email.trim()).success) problems.contactEmail = 'newTicket.error.contactEmail';
    if (phone.trim() !== '' && !PHONE.test(phone.trim())) problems.contactPhone = 'newTicket.error.contactPhone';
  }
  if (form.subject.trim() === '') problems.subject = 'newTicket.error.subject';
  else if (form.subject.trim().length > 500) problems.subject = 'newTicket.error.subjectLong';
  if (form.body.trim() === '') problems.body = 'newTicket.error.body';
  if (form.teamId === '') problems.team = 'newTicket.error.team';
  const tags = parseTags(form.tags);
  if (tags.length > 50 || tags.some((t) => !TAG.test(t))) problems.tags = 'newTicket.error.tags';
  return problems;
}

export interface Ids {
  ticketId: string;
  messageId: string;
  /** The id a contact created inline gets: kept across retries, so a retry updates it instead of adding a second one. */
  contactId: string;
}

/** The mutations a valid form becomes: the new contact first (if any), then the ticket. */
export function toMutations(
  form: NewTicketForm,
  ids: Ids,
): { contact: MutatorArgs<'contact.upsert'> | null; ticket: MutatorArgs<'ticket.create'> } {
  const { requester } = form;
  if (requester === null) throw new Error('toMutations() needs a validated form');
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  const contact =
    requester.kind === 'new'
      ? {
          id: ids.contactId,
          accountId: null,
          name: requester.contact.name.trim(),
          email: orNull(requester.contact.email),
          phone: orNull(requester.contact.phone),
          title: null,
          customerType: requester.contact.customerType,
          locale: requester.contact.locale,
        }
      : null;
  return {
    contact,
    ticket: {
      ticket: {
        id: ids.ticketId,
        subject: form.subject.trim(),
        priority: form.priority,
        type: form.type,
        channel: form.channel,
        requesterId: requester.kind === 'new' ? ids.contactId : requester.contact.id,
        teamId: form.teamId,
        assigneeId: form.assigneeId,
        tags: parseTags(form.tags),
        status: form.status ?? defaultStatus(form),
      },
      message: { id: ids.messageId, kind: firstMessageKind(form.channel), body: form.body.trim() },
    },
  };
}
