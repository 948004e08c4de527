/**
 * The bad complaint changes a person can send and the coded refusal each gets, for the tests that
 * try them on the console (optimistically) and on the server (by push): the same list on both sides.
 */
import type { ErrorCode } from '../../contract/errors.ts';
import { deterministicId } from '../../ids.ts';
import type { MutatorName } from '../../sync/mutators.ts';

export const goodCategory = (id: string, name = 'Billing error') => ({ id, name, description: 'Charged the wrong amount', position: 0 });

/** `category`: a category named "Billing error"; `other`: another one; `ticket`: a ticket that is no complaint. */
export interface ComplaintIds {
  category: string;
  other: string;
  ticket: string;
}

export interface ComplaintRefusal {
  what: string;
  name: MutatorName;
  args: (ids: ComplaintIds) => unknown;
  code: ErrorCode;
}

export const COMPLAINT_REFUSALS: ComplaintRefusal[] = [
  { what: 'an empty name', name: 'complaintCategory.upsert', args: (i) => goodCategory(i.category, ''), code: 'VALIDATION' },
  { what: 'a name of spaces', name: 'complaintCategory.upsert', args: (i) => goodCategory(i.category, '   '), code: 'VALIDATION' },
  {
    what: 'a new category with a taken name (other case and spacing)',
    name: 'complaintCategory.upsert',
    args: () => goodCategory(deterministicId('new category'), '  billing   ERROR '),
    code: 'RULE_VIOLATION',
  },
  {
    what: 'renaming a category to a taken name',
    name: 'complaintCategory.upsert',
    args: (i) => goodCategory(i.other, 'Billing error'),
    code: 'RULE_VIOLATION',
  },
  {
    what: 'switching off a category that does not exist',
    name: 'complaintCategory.setActive',
    args: () => ({ id: deterministicId('no such category'), active: false }),
    code: 'NOT_FOUND',
  },
  {
    what: 'reordering a category that does not exist',
    name: 'complaintCategory.reorder',
    args: (i) => ({ ids: [i.category, deterministicId('gone')] }),
    code: 'NOT_FOUND',
  },
  {
    what: 'filing a complaint under a category that does not exist',
    name: 'ticket.markComplaint',
    args: (i) => ({ id: i.ticket, categoryId: deterministicId('no such category') }),
    code: 'NOT_FOUND',
  },
  {
    what: 'a root cause on a ticket that is no complaint',
    name: 'ticket.setRootCause',
    args: (i) => ({ id: i.ticket, rootCause: 'The invoice template rounds twice' }),
    code: 'RULE_VIOLATION',
  },
  { what: 'an empty root cause', name: 'ticket.setRootCause', args: (i) => ({ id: i.ticket, rootCause: ' ' }), code: 'VALIDATION' },
];
