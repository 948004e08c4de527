import { describe, expect, it } from 'vitest';
import { deterministicId } from '../ids.ts';
import { firstName, macroChanges, placeholdersIn, renderMacroText, type MacroContext } from './macros.ts';
import type { Ticket } from './records.ts';

const id = (key: string) => deterministicId('macros-test', key);
const billing = id('billing');
const tech = id('tech');
const mei = id('mei');
const omar = id('omar');
const teams: Record<string, string[]> = { [mei]: [billing], [omar]: [billing, tech] };
const changeCtx = { meId: mei, teamsOf: (userId: string) => teams[userId] ?? null };

const ticket: Ticket = {
  id: id('ticket'),
  tenantId: id('tenant'),
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  number: 1042,
  subject: 'Refund for duplicate charge',
  status: 'open',
  priority: 'normal',
  type: 'question',
  channel: 'email',
  requesterId: id('dana'),
  accountId: id('acme'),
  teamId: billing,
  assigneeId: omar,
  tags: ['billing', 'vip'],
  escalationTier: 1,
  slaPolicyId: null,
  firstReplyDueAt: null,
  nextReplyDueAt: null,
  resolutionDueAt: null,
  sla: null,
  firstReplyAt: null,
  solvedAt: null,
  closedAt: null,
  lastMessageAt: 0,
  messageCount: 1,
  mergedIntoId: null,
  followUpOfId: null,
};

const context = (patch: Partial<MacroContext> = {}): MacroContext => ({
  ticket: { number: 1042, subject: 'Refund for duplicate charge' },
  requester: { name: 'Dana Whitfield', email: 'dana@acme.example' },
  account: { name: 'Acme Logistics' },
  agent: { name: 'Mei Lin' },
  ...patch,
});

describe('first names', () => {
  it('greets Western names by the first word and keeps Chinese names whole (family name first)', () => {
    expect(firstName('Dana Whitfield')).toBe('Dana');
    expect(firstName('  Jean-Luc   Picard ')).toBe('Jean-Luc');
    expect(firstName('Cher')).toBe('Cher');
    expect(firstName('王芳')).toBe('王芳');
    expect(firstName('欧阳 娜娜')).toBe('欧阳 娜娜');
    expect(firstName('')).toBe('');
  });
});

describe('rendering a macro', () => {
  it('fills every placeholder from the ticket, its requester, account and the agent', () => {
    const template =
      'Hi {{requester.firstName}} ({{ requester.name }}, {{requester.email}}, {{account.name}}): ticket #{{ticket.number}} “{{ticket.subject}}”. {{agent.firstName}} / {{agent.name}}';
    expect(renderMacroText(template, context())).toEqual({
      text: 'Hi Dana (Dana Whitfield, dana@acme.example, Acme Logistics): ticket #1042 “Refund for duplicate charge”. Mei / Mei Lin',
      unknown: [],
      missing: [],
    });
  });

  it('renders Chinese text around Chinese names', () => {
    const rendered = renderMacroText('{{requester.firstName}}您好，工单 {{ticket.number}} 已处理。{{agent.name}}', {
      ...context(),
      requester: { name: '王芳', email: null },
      agent: { name: '李娜' },
    });
    expect(rendered.text).toBe('王芳您好，工单 1042 已处理。李娜');
  });

  it('leaves unknown placeholders visible and reports each once', () => {
    const rendered = renderMacroText('Hi {{requester.frstName}}, {{ order.id }} and {{requester.frstName}} {{}}', context());
    expect(rendered.text).toBe('Hi {{requester.frstName}}, {{ order.id }} and {{requester.frstName}} {{}}');
    expect(rendered.unknown).toEqual(['requester.frstName', 'order.id', '']);
    expect(rendered.missing).toEqual([]);
  });

  it('leaves known placeholders without a value visible and reports them as missing', () => {
    const rendered = renderMacroText('#{{ticket.number}} for {{account.name}} ({{requester.email}})', {
      ...context({ account: null }),
      ticket: { number: null, subject: 'New' },
      requester: { name: 'Dana Whitfield', email: null },
    });
    expect(rendered.text).toBe('#{{ticket.number}} for {{account.name}} ({{requester.email}})');
    expect(rendered.missing).toEqual(['ticket.number', 'account.name', 'requester.email']);
  });

  it('lists the placeholders a template uses', () => {
    expect(placeholdersIn('{{a}} {{ b }} {{a}} text')).toEqual(['a', 'b']);
  });
});

describe('what a macro changes', () => {
  it('lists each field that changes, from → to, and leaves out what is already so', () => {
    const changes = macroChanges(
      { status: 'pending', priority: 'normal', type: 'incident', addTags: ['refund', 'vip'], removeTags: ['billing'] },
      ticket,
      changeCtx,
    );
    expect(changes).toEqual([
      { field: 'type', from: 'question', to: 'incident', problem: null },
      { field: 'tags', from: ['billing', 'vip'], to: ['refund', 'vip'], added: ['refund'], removed: ['billing'], problem: null },
      { field: 'status', from: 'open', to: 'pending', problem: null },
    ]);
  });

  it('changes nothing when the ticket already matches', () => {
    expect(macroChanges({ status: 'open', addTags: ['vip'], removeTags: ['spam'], assignToSelf: false }, ticket, changeCtx)).toEqual([]);
  });

  it('assigns to the person applying it, or to a named person, or unassigns', () => {
    expect(macroChanges({ assignToSelf: true }, ticket, changeCtx)).toEqual([{ field: 'assignee', from: omar, to: mei, problem: null }]);
    expect(macroChanges({ assigneeId: null }, ticket, changeCtx)).toEqual([{ field: 'assignee', from: omar, to: null, problem: null }]);
    expect(macroChanges({ assignToSelf: true, assigneeId: null }, ticket, changeCtx)).toEqual([
      { field: 'assignee', from: omar, to: mei, problem: null },
    ]);
  });

  it('moving to another team drops an assignee outside it, but reports a named one instead of dropping them', () => {
    const onMei = { ...ticket, assigneeId: mei };
    expect(macroChanges({ teamId: tech }, onMei, changeCtx)).toEqual([
      { field: 'team', from: billing, to: tech, problem: null },
      { field: 'assignee', from: mei, to: null, problem: null },
    ]);
    // Omar is in both teams: he stays.
    expect(macroChanges({ teamId: tech }, ticket, changeCtx)).toEqual([{ field: 'team', from: billing, to: tech, problem: null }]);
    expect(macroChanges({ teamId: tech, assignToSelf: true }, ticket, changeCtx)).toEqual([
      { field: 'team', from: billing, to: tech, problem: null },
      { field: 'assignee', from: omar, to: mei, problem: 'assignee_not_in_team' },
    ]);
  });

  it('reports a status the ticket cannot move to', () => {
    expect(macroChanges({ status: 'new' }, ticket, changeCtx)).toEqual([
      { field: 'status', from: 'open', to: 'new', problem: 'cannot_return_to_new' },
    ]);
    expect(macroChanges({ status: 'open' }, { ...ticket, status: 'closed' }, changeCtx)).toEqual([
      { field: 'status', from: 'closed', to: 'open', problem: 'closed_is_final' },
    ]);
  });
});
