/**
 * The server's demo tenant: teams, one person of every role (with printed credentials), and a
 * small customer-service data set in English and Chinese. Built on shared/ only; the desktop's
 * much larger offline generator lives with Core.
 */
import type { Account, Contact, KbArticle, Macro, Message, Ticket, TicketEvent, User } from '../../shared/domain/records.ts';
import { deterministicId } from '../../shared/ids.ts';
import { createTeam, createTenant, createUser, writeRecords } from '../admin/operations.ts';
import { pokeTenant } from '../live/pokes.ts';
import type { Db } from '../store/db.ts';
import type { Row, Write } from '../sync/record-writer.ts';

/** Demo accounts only: printed at start, documented, and bound to 127.0.0.1 by default. */
export const DEMO_PASSWORD = 'switchboard-demo';

export interface DemoTenant {
  tenantId: string;
  users: { email: string; role: User['role']; name: string }[];
}

const HOUR = 3600_000;

export async function seedDemo(db: Db, actor = 'demo-seed'): Promise<DemoTenant> {
  const tenant = await createTenant(db, actor, { name: 'Demo Co', timeZone: 'Asia/Shanghai' });
  const t = tenant.id;
  const billing = await createTeam(db, actor, { tenantId: t, name: 'Billing', description: 'Invoices, refunds and payment questions' });
  const tech = await createTeam(db, actor, { tenantId: t, name: 'Technical Support', description: 'Product problems and incidents' });
  const china = await createTeam(db, actor, { tenantId: t, name: '中国客服', description: 'Customers in mainland China (Chinese)' });

  const people = [
    { email: 'agent@demo.switchboard', name: 'Alex Agent', role: 'agent', teamIds: [billing.id, tech.id], locale: 'en' },
    { email: 'agent.zh@demo.switchboard', name: '李娜', role: 'agent', teamIds: [china.id], locale: 'zh-CN' },
    { email: 'manager@demo.switchboard', name: 'Morgan Manager', role: 'account_manager', teamIds: [billing.id], locale: 'en' },
    {
      email: 'supervisor@demo.switchboard',
      name: 'Sam Supervisor',
      role: 'supervisor',
      teamIds: [billing.id, tech.id, china.id],
      locale: 'en',
    },
    { email: 'admin@demo.switchboard', name: 'Ada Admin', role: 'admin', teamIds: [], locale: 'en' },
  ] as const;
  const users: User[] = [];
  for (const p of people) users.push(await createUser(db, actor, { tenantId: t, ...p, teamIds: [...p.teamIds], password: DEMO_PASSWORD }));
  const [alex, lina, morgan] = users as [User, User, User, User, User];

  const now = Date.now();
  const id = (...parts: (string | number)[]) => deterministicId(t, ...parts);
  const base = (key: string, ageHours: number) => ({
    id: id(key),
    tenantId: t,
    version: 0,
    createdAt: now - ageHours * HOUR,
    updatedAt: now - ageHours * HOUR,
  });

  const accounts: Account[] = [
    {
      ...base('account:northwind', 2000),
      name: 'Northwind Trading',
      domain: 'northwind.example',
      tier: 'enterprise',
      lifecycleStage: 'active',
      ownerId: morgan.id,
      renewalDate: '2027-03-31',
      annualValueMinor: 4_800_000,
      currency: 'USD',
      healthScore: 72,
      notes: 'Renewal talks start in January.',
    },
    {
      ...base('account:huaxia', 1500),
      name: '华夏电子',
      domain: 'huaxia.example.cn',
      tier: 'premium',
      lifecycleStage: 'onboarding',
      ownerId: morgan.id,
      renewalDate: '2027-06-30',
      annualValueMinor: 1_200_000,
      currency: 'CNY',
      healthScore: 60,
      notes: '新客户，正在上线。',
    },
    {
      ...base('account:harbor', 900),
      name: 'Blue Harbor Hotels',
      domain: 'blueharbor.example',
      tier: 'standard',
      lifecycleStage: 'at_risk',
      ownerId: null,
      renewalDate: null,
      annualValueMinor: 250_000,
      currency: 'EUR',
      healthScore: 35,
      notes: '',
    },
  ];
  const [northwind, huaxia, harbor] = accounts as [Account, Account, Account];
  const contact = (
    key: string,
    accountId: string | null,
    name: string,
    email: string,
    customerType: Contact['customerType'],
    locale: Contact['locale'],
  ): Contact => ({
    ...base(`contact:${key}`, 800),
    accountId,
    name,
    email,
    phone: null,
    title: null,
    customerType,
    locale,
  });
  const contacts = [
    contact('jordan', northwind.id, 'Jordan Lee', 'jordan@northwind.example', 'loyal', 'en'),
    contact('priya', northwind.id, 'Priya Shah', 'priya@northwind.example', 'researcher', 'en'),
    contact('wang', huaxia.id, '王伟', 'wang.wei@huaxia.example.cn', 'first_time_buyer', 'zh-CN'),
    contact('zhang', huaxia.id, '张敏', 'zhang.min@huaxia.example.cn', 'sceptical', 'zh-CN'),
    contact('emma', harbor.id, 'Emma Novak', 'emma@blueharbor.example', 'upset', 'en'),
  ];
  const [jordan, priya, wang, zhang, emma] = contacts as [Contact, Contact, Contact, Contact, Contact];

  const threads: {
    key: string;
    subject: string;
    requester: Contact;
    team: string;
    assignee: string | null;
    status: Ticket['status'];
    priority: Ticket['priority'];
    age: number;
    messages: [Message['kind'], string][];
  }[] = [
    {
      key: 'invoice',
      subject: 'Invoice shows the wrong VAT rate',
      requester: jordan,
      team: billing.id,
      assignee: alex.id,
      status: 'open',
      priority: 'high',
      age: 30,
      messages: [
        ['inbound', 'Our October invoice charges 21% VAT but we are VAT-exempt. Can you reissue it?'],
        ['note', 'Exemption certificate is on file since May.'],
        ['reply', 'Thanks Jordan, we are reissuing the invoice today.'],
      ],
    },
    {
      key: 'refund',
      subject: 'Refund for duplicate payment',
      requester: emma,
      team: billing.id,
      assignee: null,
      status: 'new',
      priority: 'urgent',
      age: 3,
      messages: [['inbound', 'We were charged twice this month. This is the second time. Please refund immediately.']],
    },
    {
      key: 'sso',
      subject: 'SSO login fails after certificate rotation',
      requester: priya,
      team: tech.id,
      assignee: alex.id,
      status: 'pending',
      priority: 'normal',
      age: 50,
      messages: [
        ['inbound', 'Since yesterday our SAML login returns "invalid signature".'],
        ['reply', 'Could you send us the new certificate fingerprint?'],
      ],
    },
    {
      key: 'export',
      subject: 'CSV export times out',
      requester: jordan,
      team: tech.id,
      assignee: null,
      status: 'open',
      priority: 'low',
      age: 120,
      messages: [['inbound', 'Exporting last year of orders never finishes.']],
    },
    {
      key: 'fapiao',
      subject: '发票抬头需要修改',
      requester: wang,
      team: china.id,
      assignee: lina.id,
      status: 'open',
      priority: 'normal',
      age: 20,
      messages: [
        ['inbound', '您好，我们的发票抬头写错了，请帮忙改成“华夏电子有限公司”。'],
        ['reply', '王先生您好，我们已经收到，今天会重新开具发票。'],
      ],
    },
    {
      key: 'install',
      subject: '安装后无法登录',
      requester: zhang,
      team: china.id,
      assignee: null,
      status: 'new',
      priority: 'high',
      age: 2,
      messages: [['inbound', '安装新版本以后一直提示“会话已过期”，无法登录。']],
    },
  ];

  const writes: Write[] = [...accounts, ...contacts].map((r) => ({
    entity: 'accountId' in r && 'customerType' in r ? 'contact' : 'account',
    id: r.id,
    row: r as unknown as Row,
  }));
  threads.forEach((th, i) => {
    const created = now - th.age * HOUR;
    const ticket: Ticket = {
      ...base(`ticket:${th.key}`, th.age),
      number: i + 1,
      subject: th.subject,
      status: th.status,
      priority: th.priority,
      type: 'question',
      channel: 'email',
      requesterId: th.requester.id,
      accountId: th.requester.accountId,
      teamId: th.team,
      assigneeId: th.assignee,
      tags: [],
      escalationTier: 1,
      slaPolicyId: null,
      firstReplyDueAt: null,
      nextReplyDueAt: null,
      resolutionDueAt: null,
      firstReplyAt: null,
      solvedAt: null,
      closedAt: null,
      lastMessageAt: created,
      messageCount: th.messages.length,
      mergedIntoId: null,
      followUpOfId: null,
    };
    const events: TicketEvent[] = [
      {
        id: id('event', th.key, 'created'),
        tenantId: t,
        ticketId: ticket.id,
        kind: 'created',
        actorId: null,
        from: null,
        to: { status: 'new', priority: th.priority, channel: 'email' },
        at: created,
      },
    ];
    th.messages.forEach(([kind, body], m) => {
      const at = created + m * HOUR;
      const agent = th.assignee ?? alex.id;
      const message: Message = {
        ...base(`message:${th.key}:${m}`, 0),
        createdAt: at,
        updatedAt: at,
        ticketId: ticket.id,
        kind,
        authorType: kind === 'inbound' ? 'contact' : 'agent',
        authorId: kind === 'inbound' ? th.requester.id : agent,
        body,
        channel: 'email',
      };
      if (kind === 'reply' && ticket.firstReplyAt === null) ticket.firstReplyAt = at;
      ticket.lastMessageAt = at;
      writes.push({ entity: 'message', id: message.id, row: message as unknown as Row });
      events.push({
        id: id('event', th.key, m),
        tenantId: t,
        ticketId: ticket.id,
        kind: 'message',
        actorId: kind === 'inbound' ? null : agent,
        from: null,
        to: { messageId: message.id, kind },
        at,
      });
    });
    writes.push({ entity: 'ticket', id: ticket.id, row: ticket as unknown as Row });
    for (const e of events) writes.push({ entity: 'ticket_event', id: e.id, row: e as unknown as Row });
  });

  const article = (key: string, title: string, body: string, locale: KbArticle['locale']): KbArticle => ({
    ...base(`kb:${key}`, 500),
    title,
    body,
    locale,
    tags: ['billing'],
    status: 'published',
    authorId: alex.id,
  });
  const macro: Macro = {
    ...base('macro:reissue', 400),
    title: 'Reissue invoice',
    body: 'Hi {{requester.firstName}}, we are reissuing your invoice today. — {{agent.name}}',
    replyKind: 'reply',
    actions: { status: 'pending', addTags: ['invoice'] },
    ownerId: null,
    active: true,
  };
  writes.push(
    {
      entity: 'kb_article',
      id: id('kb:vat'),
      row: article(
        'vat',
        'VAT exemptions',
        'Customers with a valid exemption certificate are invoiced without VAT.',
        'en',
      ) as unknown as Row,
    },
    {
      entity: 'kb_article',
      id: id('kb:fapiao'),
      row: article('fapiao', '如何修改发票抬头', '客户提供正确的公司全称后，可在 24 小时内重新开具发票。', 'zh-CN') as unknown as Row,
    },
    { entity: 'macro', id: macro.id, row: macro as unknown as Row },
  );

  await db.transaction(async (q) => {
    await writeRecords(q, t, writes);
    await q.query('UPDATE tenant_clock SET next_ticket_number = $2 WHERE tenant_id = $1', [t, threads.length + 1]);
  });
  await pokeTenant(db, t);
  return { tenantId: t, users: people.map((p) => ({ email: p.email, role: p.role, name: p.name })) };
}

/** True when the database has no tenant yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM tenants LIMIT 1');
  return rows.length === 0;
}

export function demoCredentials(demo: DemoTenant): string {
  const width = Math.max(...demo.users.map((u) => u.email.length));
  return [
    'Demo accounts (password for all: ' + DEMO_PASSWORD + '):',
    ...demo.users.map((u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(15)}  ${u.name}`),
  ].join('\n');
}
