/**
 * Bad input to the account manager's mutators, as a class (issue 15, "Bad input"): for every
 * account, contact, interaction, feedback and task mutator, each kind of wrong value (a negative
 * amount, a person or record that does not exist, a missing title or text, an impossible date, a
 * number out of range) is refused with a code and leaves every record as it was.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { Account, Contact, Task, User } from '../../domain/records.ts';
import { deterministicId } from '../../ids.ts';
import { MemoryTx } from '../../sync/memory-tx.ts';
import { runMutation, type MutatorContextWithIds } from '../../sync/mutators.ts';
import type { Actor } from '../../sync/tx.ts';

const tenantId = deterministicId('bad-input', 'tenant');
const id = (...parts: string[]) => deterministicId('bad-input', ...parts);
const manager: Actor = { id: id('manager'), tenantId, role: 'account_manager', teamIds: [] };
const NOW = Date.UTC(2026, 2, 10, 9);
const base = { tenantId, version: 1, createdAt: 0, updatedAt: 0 };

function seeded(): MemoryTx {
  const tx = new MemoryTx();
  tx.put('tenant', { ...base, id: tenantId, name: 'T', timeZone: 'UTC' });
  const person = (key: string, role: User['role'], active = true): User => ({
    ...base,
    id: id(key),
    name: key,
    email: `${key}@example.com`,
    role,
    teamIds: [],
    skills: [],
    capacity: 10,
    locale: 'en',
    active,
  });
  tx.put('user', person('manager', 'account_manager'));
  tx.put('user', person('gone', 'account_manager', false));
  tx.put('user', { ...person('elsewhere', 'account_manager'), tenantId: id('other tenant') });
  const account: Account = {
    ...base,
    id: id('acme'),
    name: 'Acme',
    domain: null,
    tier: 'standard',
    lifecycleStage: 'active',
    ownerId: manager.id,
    renewalDate: '2026-09-30',
    annualValueMinor: 100_000,
    currency: 'USD',
    healthScore: 80,
    notes: '',
  };
  tx.put('account', account);
  const contact: Contact = {
    ...base,
    id: id('dana'),
    accountId: account.id,
    name: 'Dana',
    email: 'dana@acme.example',
    phone: null,
    title: null,
    customerType: 'loyal',
    locale: 'en',
  };
  tx.put('contact', contact);
  const task: Task = {
    ...base,
    id: id('task'),
    title: 'Call Dana',
    notes: '',
    accountId: account.id,
    contactId: null,
    ticketId: null,
    assigneeId: manager.id,
    dueAt: NOW + 86_400_000,
    remindAt: null,
    completedAt: null,
    recurrence: null,
  };
  tx.put('task', task);
  return tx;
}

/** Every record, table by table (a table only looked into is no change). */
const snapshot = (tx: MemoryTx) =>
  JSON.stringify([...tx.tables].filter(([, rows]) => rows.size > 0).map(([entity, rows]) => [entity, [...rows]]));
let run = 0;
const ctx = (): MutatorContextWithIds => {
  const n = ++run;
  let i = 0;
  return { actor: manager, now: NOW, authoritative: true, newId: () => deterministicId('bad-input-run', n, i++) };
};

/** The code a mutation is refused with, after checking it changed nothing. */
function refusal(name: string, args: unknown): string {
  const tx = seeded();
  const before = snapshot(tx);
  try {
    runMutation(tx, name, args, ctx());
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(snapshot(tx), `${name} wrote before refusing`).toBe(before);
    return err.code;
  }
  return 'applied';
}

const update = (changes: Record<string, unknown>) => ({ id: id('acme'), changes });
const contact = (extra: Record<string, unknown>) => ({
  id: id('new contact'),
  accountId: id('acme'),
  name: 'Li Wei',
  email: null,
  phone: null,
  title: null,
  locale: 'zh-CN',
  ...extra,
});
const interaction = (extra: Record<string, unknown>) => ({
  id: id('new call'),
  accountId: id('acme'),
  contactId: null,
  ticketId: null,
  kind: 'call',
  summary: 'Renewal talk',
  occurredAt: NOW,
  ...extra,
});
const feedback = (extra: Record<string, unknown>) => ({
  id: id('new nps'),
  kind: 'nps',
  score: 9,
  contactId: null,
  accountId: id('acme'),
  ticketId: null,
  ...extra,
});
const task = (extra: Record<string, unknown>) => ({
  id: id('new task'),
  title: 'Send the renewal quote',
  accountId: id('acme'),
  ticketId: null,
  assigneeId: manager.id,
  dueAt: NOW + 86_400_000,
  remindAt: null,
  ...extra,
});

const CASES: [string, string, unknown, string][] = [
  // The account's fields.
  ['a negative annual value', 'account.update', update({ annualValueMinor: -1 }), 'VALIDATION'],
  ['a fractional annual value', 'account.update', update({ annualValueMinor: 10.5 }), 'VALIDATION'],
  ['an owner who does not exist', 'account.update', update({ ownerId: id('nobody') }), 'NOT_FOUND'],
  ['an owner who left', 'account.update', update({ ownerId: id('gone') }), 'NOT_FOUND'],
  ['an owner of another tenant', 'account.update', update({ ownerId: id('elsewhere') }), 'NOT_FOUND'],
  ['an owner id that is no id', 'account.update', update({ ownerId: 'omar' }), 'VALIDATION'],
  ['an account with no name', 'account.update', update({ name: '   ' }), 'VALIDATION'],
  ['a renewal date that does not exist', 'account.update', update({ renewalDate: '2026-02-30' }), 'VALIDATION'],
  ['a renewal date in another format', 'account.update', update({ renewalDate: '30/09/2026' }), 'VALIDATION'],
  ['a currency that is no ISO code', 'account.update', update({ currency: 'usd' }), 'VALIDATION'],
  ['a primary contact who does not exist', 'account.update', update({ primaryContactId: id('nobody') }), 'NOT_FOUND'],
  ['an account that does not exist', 'account.update', { id: id('nowhere'), changes: { tier: 'premium' } }, 'NOT_FOUND'],
  // Contacts.
  ['a contact with no name', 'contact.upsert', contact({ name: '' }), 'VALIDATION'],
  ['a contact of an account that does not exist', 'contact.upsert', contact({ accountId: id('nowhere') }), 'NOT_FOUND'],
  ['a contact with a broken e-mail', 'contact.upsert', contact({ email: 'dana@' }), 'VALIDATION'],
  // Interactions and feedback.
  ['an interaction with no summary', 'interaction.log', interaction({ summary: '  ' }), 'VALIDATION'],
  ['a negative duration', 'interaction.log', interaction({ durationMinutes: -5 }), 'VALIDATION'],
  ['an interaction with an account that does not exist', 'interaction.log', interaction({ accountId: id('nowhere') }), 'NOT_FOUND'],
  ['an interaction with a contact that does not exist', 'interaction.log', interaction({ contactId: id('nobody') }), 'NOT_FOUND'],
  // A score's range depends on its kind (CSAT 1-5, CES 1-7, NPS 0-10): a rule of the record.
  ['an NPS of 11', 'feedback.record', feedback({ score: 11 }), 'RULE_VIOLATION'],
  ['a negative CSAT', 'feedback.record', feedback({ kind: 'csat', score: -1 }), 'RULE_VIOLATION'],
  ['feedback about an account that does not exist', 'feedback.record', feedback({ accountId: id('nowhere') }), 'NOT_FOUND'],
  // Tasks.
  ['a task with no title', 'task.upsert', task({ title: '' }), 'VALIDATION'],
  ['a task with a blank title', 'task.upsert', task({ title: '   ' }), 'VALIDATION'],
  ['a task without a title at all', 'task.upsert', (({ title: _t, ...rest }) => rest)(task({})), 'VALIDATION'],
  ['a task for someone who does not exist', 'task.upsert', task({ assigneeId: id('nobody') }), 'NOT_FOUND'],
  ['a task for someone who left', 'task.upsert', task({ assigneeId: id('gone') }), 'NOT_FOUND'],
  ['a task due at a negative time', 'task.upsert', task({ dueAt: -1 }), 'VALIDATION'],
  ['a reminder after the due time', 'task.upsert', task({ remindAt: NOW + 2 * 86_400_000 }), 'RULE_VIOLATION'],
  ['a task about an account that does not exist', 'task.upsert', task({ accountId: id('nowhere') }), 'NOT_FOUND'],
  ['completing a task that does not exist', 'task.complete', { id: id('nowhere'), done: true }, 'NOT_FOUND'],
];

describe('bad input to the account manager’s mutators', () => {
  it.each(CASES)('%s is refused (%s)', (_what, name, args, code) => {
    expect(refusal(name, args)).toBe(code);
  });

  it('the same mutators with good values apply (the cases above fail for their one wrong value)', () => {
    for (const [name, args] of [
      ['account.update', update({ annualValueMinor: 0, ownerId: manager.id, renewalDate: '2028-02-29', currency: 'CNY' })],
      ['contact.upsert', contact({})],
      ['interaction.log', interaction({ durationMinutes: 0 })],
      ['feedback.record', feedback({ score: 0 })],
      ['task.upsert', task({})],
      ['task.complete', { id: id('task'), done: true }],
    ] as const)
      expect({ name, outcome: refusal(name, args) }).toEqual({ name, outcome: 'applied' });
  });
});
