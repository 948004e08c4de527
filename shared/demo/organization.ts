/**
 * The demo tenant's people and customers: teams, about twenty users of every role (one of them the
 * demo agent, "me"), accounts of every tier and lifecycle stage, and contacts of every customer
 * type, a quarter of them Chinese-speaking. Sizes scale with the ticket count.
 */
import {
  ACCOUNT_TIERS,
  CUSTOMER_TYPES,
  LIFECYCLE_STAGES,
  type AccountTier,
  type CustomerType,
  type LifecycleStage,
  type Locale,
  type Role,
} from '../domain/enums.ts';
import type { MacroActions, TicketFilter, TicketSort } from '../domain/records.ts';
import type { CalendarFields } from '../sla/records.ts';
import { deterministicId } from '../ids.ts';
import { KB_ARTICLES } from './phrases.ts';
import {
  EN_COMPANY_FIRST,
  EN_COMPANY_SECOND,
  EN_COMPANY_SUFFIX,
  EN_FIRST,
  EN_LAST,
  TITLES,
  ZH_BRAND,
  ZH_CITY,
  ZH_GIVEN,
  ZH_INDUSTRY,
  ZH_SURNAMES,
} from './names.ts';
import { DEMO_EMAIL_DOMAIN } from './credentials.ts';
import { demoId, type Random } from './random.ts';

const DAY = 24 * 60 * 60 * 1000;

export type TeamKey = 'billing' | 'technical' | 'onboarding' | 'china';

export interface DemoUser {
  id: string;
  name: string;
  firstName: string;
  email: string;
  role: Role;
  teamIds: string[];
  skills: string[];
  capacity: number;
  locale: Locale;
}

export interface DemoAccount {
  id: string;
  name: string;
  domain: string | null;
  tier: AccountTier;
  lifecycleStage: LifecycleStage;
  ownerId: string | null;
  renewalDate: string | null;
  annualValueMinor: number;
  currency: string;
  healthScore: number | null;
  notes: string;
  createdAt: number;
  locale: Locale;
}

export interface DemoContact {
  id: string;
  accountId: string | null;
  name: string;
  firstName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  customerType: CustomerType;
  locale: Locale;
  createdAt: number;
}

export interface DemoOrganization {
  tenantId: string;
  teams: { id: string; key: TeamKey; name: string; description: string }[];
  teamIds: Record<TeamKey, string>;
  users: DemoUser[];
  /** Agents and supervisors who work tickets, per team. */
  agentsByTeam: Record<TeamKey, DemoUser[]>;
  me: DemoUser;
  /** "Support hours" per region, London first (the tenant's zone). */
  calendars: (CalendarFields & { id: string })[];
  slaPolicyIds: { urgentHigh: string; enterprise: string; standard: string };
  macros: { id: string; title: string; body: string; replyKind: 'reply' | 'note'; actions: MacroActions; ownerId: string | null }[];
  savedViews: { id: string; name: string; ownerId: string | null; filter: TicketFilter; sort: TicketSort }[];
  articles: {
    id: string;
    title: string;
    body: string;
    locale: Locale;
    tags: string[];
    status: 'draft' | 'published';
    authorId: string;
    createdAt: number;
    updatedAt: number;
  }[];
  accounts: DemoAccount[];
  contacts: DemoContact[];
}

const STAFF: { name: string; first: string; email: string; role: Role; teams: TeamKey[]; locale: Locale; skills: string[] }[] = [
  {
    name: 'Alex Morgan',
    first: 'Alex',
    email: 'agent',
    role: 'agent',
    teams: ['technical', 'billing'],
    locale: 'en',
    skills: ['login', 'bug', 'billing'],
  },
  { name: 'Sarah Chen', first: 'Sarah', email: 'sarah.chen', role: 'agent', teams: ['technical'], locale: 'en', skills: ['bug', 'api'] },
  { name: 'Tom Becker', first: 'Tom', email: 'tom.becker', role: 'agent', teams: ['technical'], locale: 'en', skills: ['login', 'sso'] },
  {
    name: 'Maria Lopez',
    first: 'Maria',
    email: 'maria.lopez',
    role: 'agent',
    teams: ['billing'],
    locale: 'en',
    skills: ['billing', 'refund'],
  },
  {
    name: 'James O’Neill',
    first: 'James',
    email: 'james.oneill',
    role: 'agent',
    teams: ['billing'],
    locale: 'en',
    skills: ['refund', 'shipping'],
  },
  {
    name: 'Aisha Khan',
    first: 'Aisha',
    email: 'aisha.khan',
    role: 'agent',
    teams: ['onboarding'],
    locale: 'en',
    skills: ['onboarding', 'import'],
  },
  {
    name: 'Lukas Weber',
    first: 'Lukas',
    email: 'lukas.weber',
    role: 'agent',
    teams: ['onboarding', 'technical'],
    locale: 'en',
    skills: ['training'],
  },
  {
    name: 'Nina Petrova',
    first: 'Nina',
    email: 'nina.petrova',
    role: 'agent',
    teams: ['technical'],
    locale: 'en',
    skills: ['shipping', 'bug'],
  },
  {
    name: '王芳',
    first: '芳',
    email: 'wang.fang',
    role: 'agent',
    teams: ['china', 'billing'],
    locale: 'zh-CN',
    skills: ['billing', 'chinese'],
  },
  {
    name: '李明',
    first: '明',
    email: 'li.ming',
    role: 'agent',
    teams: ['china', 'technical'],
    locale: 'zh-CN',
    skills: ['bug', 'chinese'],
  },
  { name: '张伟', first: '伟', email: 'agent.zh', role: 'agent', teams: ['china'], locale: 'zh-CN', skills: ['shipping', 'chinese'] },
  {
    name: '陈静',
    first: '静',
    email: 'chen.jing',
    role: 'agent',
    teams: ['china', 'onboarding'],
    locale: 'zh-CN',
    skills: ['onboarding', 'chinese'],
  },
  {
    name: 'Daniel Okafor',
    first: 'Daniel',
    email: 'daniel.okafor',
    role: 'agent',
    teams: ['billing', 'onboarding'],
    locale: 'en',
    skills: ['account'],
  },
  {
    name: 'Rachel Green',
    first: 'Rachel',
    email: 'supervisor',
    role: 'supervisor',
    teams: ['technical', 'onboarding'],
    locale: 'en',
    skills: [],
  },
  { name: 'Peter Novak', first: 'Peter', email: 'peter.novak', role: 'supervisor', teams: ['billing'], locale: 'en', skills: [] },
  { name: '刘洋', first: '洋', email: 'liu.yang', role: 'supervisor', teams: ['china'], locale: 'zh-CN', skills: ['chinese'] },
  {
    name: 'Olivia Hart',
    first: 'Olivia',
    email: 'manager',
    role: 'account_manager',
    teams: ['onboarding'],
    locale: 'en',
    skills: ['enterprise'],
  },
  {
    name: 'Ben Carter',
    first: 'Ben',
    email: 'ben.carter',
    role: 'account_manager',
    teams: ['billing'],
    locale: 'en',
    skills: ['renewals'],
  },
  {
    name: '赵敏',
    first: '敏',
    email: 'zhao.min',
    role: 'account_manager',
    teams: ['china'],
    locale: 'zh-CN',
    skills: ['enterprise', 'chinese'],
  },
  { name: 'Grace Kim', first: 'Grace', email: 'grace.kim', role: 'account_manager', teams: ['onboarding'], locale: 'en', skills: ['smb'] },
  { name: 'Sam Admin', first: 'Sam', email: 'admin', role: 'admin', teams: [], locale: 'en', skills: [] },
];

export function createDemoOrganization(random: Random, ticketCount: number, now: number): DemoOrganization {
  const t0 = now - 400 * DAY;
  const tenantId = demoId(random, t0);
  const teamDefs: { key: TeamKey; name: string; description: string }[] = [
    { key: 'billing', name: 'Billing', description: 'Invoices, payments, refunds and plan changes.' },
    { key: 'technical', name: 'Technical Support', description: 'Sign-in, bugs, integrations and the desktop app.' },
    { key: 'onboarding', name: 'Onboarding', description: 'New customers: set-up, imports and training.' },
    { key: 'china', name: '大中华区支持', description: '中文客户的账单、技术和入门支持。' },
  ];
  const teams = teamDefs.map((d) => ({ ...d, id: demoId(random, t0) }));
  const teamIds = Object.fromEntries(teams.map((x) => [x.key, x.id])) as Record<TeamKey, string>;

  const users: DemoUser[] = STAFF.map((s) => ({
    id: demoId(random, t0),
    name: s.name,
    firstName: s.first,
    email: `${s.email}@${DEMO_EMAIL_DOMAIN}`,
    role: s.role,
    teamIds: s.teams.map((k) => teamIds[k]),
    skills: s.skills,
    capacity: s.role === 'agent' ? 40 : s.role === 'supervisor' ? 15 : 0,
    locale: s.locale,
  }));
  const me = users[0] as DemoUser;
  const agentsByTeam = Object.fromEntries(
    teamDefs.map((d) => [
      d.key,
      users.filter((u) => (u.role === 'agent' || u.role === 'supervisor') && u.teamIds.includes(teamIds[d.key])),
    ]),
  ) as Record<TeamKey, DemoUser[]>;
  const managers = users.filter((u) => u.role === 'account_manager');

  const weekdays = [1, 2, 3, 4, 5];
  const hours = (start: string, end: string, lunch?: [string, string]) =>
    weekdays.flatMap((day) =>
      lunch
        ? [
            { day, start, end: lunch[0] },
            { day, start: lunch[1], end },
          ]
        : [{ day, start, end }],
    );
  const calendars: DemoOrganization['calendars'] = [
    {
      id: demoId(random, t0),
      name: 'Support hours (London)',
      timeZone: 'Europe/London',
      weeklyHours: hours('08:00', '18:00'),
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day', yearly: true },
        { date: '2026-12-26', name: 'Boxing Day', yearly: true },
        { date: '2026-08-31', name: 'Summer bank holiday' },
      ],
    },
    {
      id: demoId(random, t0),
      name: 'Support hours (New York)',
      timeZone: 'America/New_York',
      weeklyHours: hours('09:00', '17:00'),
      holidays: [
        { date: '2026-07-04', name: 'Independence Day', yearly: true },
        { date: '2026-11-26', name: 'Thanksgiving' },
        { date: '2026-12-25', name: 'Christmas Day', yearly: true },
      ],
    },
    {
      id: demoId(random, t0),
      name: '支持时间（上海）',
      timeZone: 'Asia/Shanghai',
      weeklyHours: hours('09:00', '18:00', ['12:00', '13:00']),
      holidays: [
        { date: '2026-10-01', name: '国庆节', yearly: true },
        { date: '2026-10-02', name: '国庆节', yearly: true },
        { date: '2026-10-03', name: '国庆节', yearly: true },
      ],
    },
  ];

  type DemoMacro = { id: string; title: string; body: string; replyKind: 'reply' | 'note'; actions: MacroActions; ownerId: string | null };
  const macros: DemoMacro[] = [
    {
      title: 'Ask for more details',
      body: 'Hi {{requester.firstName}}, could you send a screenshot and the steps that lead to the problem? {{agent.name}}',
      replyKind: 'reply' as const,
      actions: { status: 'pending' as const },
      ownerId: null,
    },
    {
      title: 'Refund issued',
      body: 'Hi {{requester.firstName}}, your refund has been issued and should arrive within 5 business days. {{agent.name}}',
      replyKind: 'reply' as const,
      actions: { status: 'solved' as const, addTags: ['refund'] },
      ownerId: null,
    },
    {
      title: 'Escalate to engineering',
      body: 'Reproduced; escalating to engineering with the steps above.',
      replyKind: 'note' as const,
      actions: { priority: 'high' as const, addTags: ['needs-engineering'] },
      ownerId: null,
    },
    {
      title: '请提供更多信息',
      body: '{{requester.firstName}}您好，麻烦提供截图和复现步骤，谢谢！{{agent.name}}',
      replyKind: 'reply' as const,
      actions: { status: 'pending' as const },
      ownerId: null,
    },
    {
      title: 'Take it',
      body: 'Taking this one.',
      replyKind: 'note' as const,
      actions: { assignToSelf: true, status: 'open' as const },
      ownerId: me.id,
    },
  ]
    .map((m): DemoMacro => ({ ...m, id: demoId(random, t0) }))
    .concat(
      [
        {
          title: 'Login trouble: move to Technical Support',
          body: 'Hi {{requester.firstName}}, I have passed ticket #{{ticket.number}} to our technical team; they will be in touch shortly. {{agent.name}}',
          replyKind: 'reply' as const,
          actions: { teamId: teamIds.technical, assigneeId: null, type: 'incident' as const, addTags: ['login'] },
          ownerId: null,
        },
        {
          title: 'Renewal question: loop in the account manager',
          body: 'Renewal question from {{requester.name}} ({{account.name}}); account manager please follow up.',
          replyKind: 'note' as const,
          actions: { priority: 'high' as const, addTags: ['renewal'] },
          ownerId: null,
        },
        {
          title: '退款已处理',
          body: '{{requester.firstName}}您好，工单 #{{ticket.number}} 的退款已处理，预计 5 个工作日内到账。如有疑问请随时联系我们。{{agent.name}}',
          replyKind: 'reply' as const,
          actions: { status: 'solved' as const, addTags: ['refund'], removeTags: ['needs-info'] },
          ownerId: null,
        },
        {
          title: '转交大中华区支持',
          body: '客户使用中文沟通，转交大中华区支持团队处理。',
          replyKind: 'note' as const,
          actions: { teamId: teamIds.china, assigneeId: null },
          ownerId: null,
        },
      ]
        // Named apart from the random stream, so adding macros leaves every other demo record as it was.
        .map((m, i): DemoMacro => ({ ...m, id: deterministicId('demo-macro', tenantId, i) })),
    );
  const savedViews = [
    {
      name: 'Urgent and high, unsolved',
      ownerId: null,
      filter: { priorities: ['urgent', 'high'], statuses: ['new', 'open', 'on_hold'] } as TicketFilter,
      sort: 'priority_desc' as const,
    },
    {
      name: 'My billing tickets',
      ownerId: me.id,
      filter: { assigneeIds: ['me'], tags: ['billing'] } as TicketFilter,
      sort: 'updated_desc' as const,
    },
  ].map((v) => ({ ...v, id: demoId(random, t0) }));

  const articles = (['en', 'zh-CN'] as const).flatMap((locale) =>
    KB_ARTICLES[locale].map((a) => {
      const createdAt = now - random.int(30, 300) * DAY;
      return {
        id: demoId(random, createdAt),
        title: a.title,
        body: a.body,
        locale,
        tags: a.tags,
        status: a.title.startsWith('Draft') ? ('draft' as const) : ('published' as const),
        authorId: random.pick(users).id,
        createdAt,
        updatedAt: createdAt + random.int(0, 20) * DAY,
      };
    }),
  );

  const accountCount = Math.max(12, Math.round(ticketCount / 50));
  const accounts: DemoAccount[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < accountCount; i++) {
    const locale: Locale = random.chance(0.25) ? 'zh-CN' : 'en';
    // Cycling through tiers and stages for the first accounts guarantees every one appears.
    const tier =
      i < ACCOUNT_TIERS.length
        ? ACCOUNT_TIERS[i]!
        : random.weighted<AccountTier>([
            ['standard', 60],
            ['premium', 28],
            ['enterprise', 12],
          ]);
    const stage =
      i < LIFECYCLE_STAGES.length
        ? LIFECYCLE_STAGES[i]!
        : random.weighted<LifecycleStage>([
            ['active', 60],
            ['onboarding', 12],
            ['at_risk', 12],
            ['prospect', 8],
            ['churned', 8],
          ]);
    let { name, domain } = companyName(random, locale);
    if (usedNames.has(name)) {
      name = `${name} ${i}`;
      domain = domain.replace('.', `${i}.`);
    }
    usedNames.add(name);
    const createdAt = now - random.int(60, 900) * DAY;
    // The account the stage cycle makes "at risk" is the demo manager's, its renewal passed ten
    // days ago: the room always has one account in trouble to show (the draw is kept, so the
    // rest of the demo stays the same for a seed).
    const showcase = i === LIFECYCLE_STAGES.indexOf('at_risk');
    const renewalDays = random.int(-30, 365);
    const renewal = new Date(now + (showcase ? -10 : renewalDays) * DAY).toISOString().slice(0, 10);
    const value: [number, number] = {
      standard: [1_200, 12_000] as [number, number],
      premium: [12_000, 60_000] as [number, number],
      enterprise: [60_000, 400_000] as [number, number],
    }[tier];
    const health = stage === 'at_risk' ? random.int(15, 45) : stage === 'churned' ? random.int(0, 25) : random.int(55, 98);
    accounts.push({
      id: demoId(random, createdAt),
      name,
      domain: random.chance(0.95) ? domain : null,
      tier,
      lifecycleStage: stage,
      ownerId: ownerOf(random, managers, showcase),
      renewalDate: stage === 'prospect' || stage === 'churned' ? null : renewal,
      annualValueMinor: stage === 'prospect' ? 0 : random.int(value[0], value[1]) * 100,
      currency:
        locale === 'zh-CN'
          ? 'CNY'
          : random.weighted([
              ['USD', 50],
              ['EUR', 30],
              ['GBP', 20],
            ]),
      healthScore: stage === 'prospect' ? null : health,
      notes: locale === 'en' ? 'Prefers e-mail. Decision maker is the Head of Operations.' : '偏好邮件沟通，决策人是运营负责人。',
      createdAt,
      locale,
    });
  }

  const contactCount = Math.max(40, Math.round(ticketCount / 8));
  const contacts: DemoContact[] = [];
  for (let i = 0; i < contactCount; i++) {
    const account = random.chance(0.75) ? random.pick(accounts) : undefined;
    const locale: Locale = account
      ? random.chance(0.9)
        ? account.locale
        : account.locale === 'en'
          ? 'zh-CN'
          : 'en'
      : random.chance(0.25)
        ? 'zh-CN'
        : 'en';
    const person = personName(random, locale);
    const domain =
      account?.domain ??
      random.pick(
        locale === 'en' ? ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me'] : ['qq.com', '163.com', '126.com', 'foxmail.com'],
      );
    const customerType =
      i < CUSTOMER_TYPES.length
        ? CUSTOMER_TYPES[i]!
        : random.weighted<CustomerType>([
            ['loyal', 22],
            ['first_time_buyer', 16],
            ['researcher', 12],
            ['sceptical', 10],
            ['impulsive', 10],
            ['discount_seeker', 10],
            ['upset', 10],
            ['prospect', 10],
          ]);
    const createdAt = (account?.createdAt ?? now - 700 * DAY) + random.int(0, 60) * DAY;
    contacts.push({
      id: demoId(random, createdAt),
      accountId: account?.id ?? null,
      name: person.name,
      firstName: person.first,
      email: random.chance(0.97) ? `${person.handle}${random.chance(0.2) ? random.int(1, 99) : ''}@${domain}` : null,
      phone: random.chance(0.6)
        ? locale === 'en'
          ? `+44 20 ${random.int(1000, 9999)} ${random.int(1000, 9999)}`
          : `+86 1${random.int(30, 89)} ${random.int(1000, 9999)} ${random.int(1000, 9999)}`
        : null,
      title: account && random.chance(0.7) ? random.pick(TITLES[locale]) : null,
      customerType,
      locale,
      createdAt: Math.min(createdAt, now - DAY),
    });
  }

  return {
    tenantId,
    teams,
    teamIds,
    users,
    agentsByTeam,
    me,
    calendars,
    slaPolicyIds: { urgentHigh: demoId(random, t0), enterprise: demoId(random, t0), standard: demoId(random, t0) },
    macros,
    savedViews,
    articles,
    accounts,
    contacts,
  };
}

/**
 * Most accounts have an owner among the account managers; the showcase account is the first
 * manager's (the demo's sign-in). The draws are the same either way.
 */
function ownerOf(random: Random, managers: readonly DemoUser[], showcase: boolean): string | null {
  const drawn = managers.length && random.chance(0.9) ? random.pick(managers).id : null;
  return showcase && managers.length ? managers[0]!.id : drawn;
}

function companyName(random: Random, locale: Locale): { name: string; domain: string } {
  if (locale === 'zh-CN') {
    const [city, cityPy] = random.pick(ZH_CITY);
    const [brand, brandPy] = random.pick(ZH_BRAND);
    const [industry, industryPy] = random.pick(ZH_INDUSTRY);
    return { name: `${city}${brand}${industry}有限公司`, domain: `${brandPy}-${industryPy}-${cityPy}.cn` };
  }
  const first = random.pick(EN_COMPANY_FIRST);
  const second = random.pick(EN_COMPANY_SECOND);
  const suffix = random.pick(EN_COMPANY_SUFFIX);
  return {
    name: [first, second, suffix].filter(Boolean).join(' '),
    domain: `${first}${second}`.toLowerCase() + random.pick(['.com', '.co.uk', '.de', '.io']),
  };
}

function personName(random: Random, locale: Locale): { name: string; first: string; handle: string } {
  if (locale === 'zh-CN') {
    const [surname, surnamePy] = random.pick(ZH_SURNAMES);
    const [given, givenPy] = random.pick(ZH_GIVEN);
    return { name: `${surname}${given}`, first: given, handle: `${givenPy}.${surnamePy}` };
  }
  const first = random.pick(EN_FIRST);
  const last = random.pick(EN_LAST);
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^a-zA-Z]/g, '')
      .toLowerCase();
  return { name: `${first} ${last}`, first, handle: `${ascii(first)}.${ascii(last)}` };
}
