/**
 * Turning a sync issue's raw values into words: a conflict's field and both of its values (status
 * and priority labels, people's and teams' names), and what change a mutation was.
 */
import { TicketPriority, TicketStatus, TicketType } from '../../../shared/domain/enums.ts';
import { STALE_REPLY_FIELD } from '../../../shared/areas/tickets/ticket-writes.ts';
import { isMessageKey, type Translate } from '../i18n/catalog.ts';
import type { Labels } from '../i18n/labels.ts';

export type Names = ReadonlyMap<string, string>;

export function fieldLabel(field: string, t: Translate): string {
  switch (field) {
    case 'status':
      return t('ticket.status');
    case 'priority':
      return t('ticket.priority');
    case 'type':
      return t('ticket.type');
    case 'assigneeId':
      return t('ticket.assignee');
    case 'teamId':
      return t('ticket.team');
    case 'subject':
      return t('ticket.subject');
    case STALE_REPLY_FIELD:
      return t('stale.field');
    default:
      return field;
  }
}

export function fieldValue(field: string, value: unknown, names: Names, t: Translate, l: Labels): string {
  if (value === null || value === undefined) return field === 'assigneeId' ? t('inbox.unassigned') : t('ticket.none');
  if (typeof value !== 'string') return JSON.stringify(value);
  switch (field) {
    case 'status': {
      const status = TicketStatus.safeParse(value);
      return status.success ? l.status(status.data) : value;
    }
    case 'priority': {
      const priority = TicketPriority.safeParse(value);
      return priority.success ? l.priority(priority.data) : value;
    }
    case 'type': {
      const type = TicketType.safeParse(value);
      return type.success ? l.type(type.data) : value;
    }
    case 'assigneeId':
    case 'teamId':
      // A person or team outside this console's scopes is still named, if vaguely.
      return names.get(value) ?? t('sync.someoneElse');
    default:
      return value;
  }
}

/** Every mutator has its label in the catalogs (the catalog test holds them to the mutators' list). */
export function mutationLabel(name: string, t: Translate): string {
  const key = `mutation.${name}`;
  return isMessageKey(key) ? t(key) : name;
}
