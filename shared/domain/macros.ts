/**
 * Macros, pure: filling a macro's text from the ticket it is applied to, and working out what its
 * actions would change on that ticket. The console uses both for the preview and to apply a macro
 * offline; nothing here reads a store, so the same inputs always give the same preview.
 */
import type { TicketPriority, TicketStatus, TicketType } from './enums.ts';
import type { MacroActions, Ticket } from './records.ts';
import { checkTransition } from './ticket-status.ts';

/** Every placeholder a macro may use, written `{{requester.firstName}}` (spaces inside the braces are allowed). */
export const PLACEHOLDERS = [
  'requester.firstName',
  'requester.name',
  'requester.email',
  'account.name',
  'ticket.number',
  'ticket.subject',
  'agent.firstName',
  'agent.name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** What the placeholders are filled from: the ticket, who asked, their account, and the agent applying the macro. */
export interface MacroContext {
  ticket: Pick<Ticket, 'number' | 'subject'>;
  requester: { name: string; email: string | null };
  account: { name: string } | null;
  agent: { name: string };
}

export interface RenderedMacro {
  text: string;
  /** Placeholders that are not in PLACEHOLDERS (usually a typo): left in the text as written. */
  unknown: string[];
  /** Known placeholders with nothing to fill them on this ticket (no account, no number yet): left in the text. */
  missing: Placeholder[];
}

// Han, kana and Hangul: names written in these scripts put the family name first.
const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The name to greet someone by. "Dana Whitfield" is greeted as "Dana"; a Chinese name is written
 * family name first, and greeting a customer by the given name alone is over-familiar, so "王芳"
 * stays "王芳" ("王芳您好" is the ordinary polite greeting).
 */
export function firstName(fullName: string): string {
  const name = fullName.trim();
  if (name === '' || EAST_ASIAN.test(name)) return name;
  return name.split(/\s+/)[0] ?? name;
}

function valueOf(name: Placeholder, ctx: MacroContext): string | null {
  switch (name) {
    case 'requester.firstName':
      return firstName(ctx.requester.name) || null;
    case 'requester.name':
      return ctx.requester.name.trim() || null;
    case 'requester.email':
      return ctx.requester.email;
    case 'account.name':
      return ctx.account?.name ?? null;
    case 'ticket.number':
      // A ticket made offline has no number until the server assigns one.
      return ctx.ticket.number === null ? null : String(ctx.ticket.number);
    case 'ticket.subject':
      return ctx.ticket.subject;
    case 'agent.firstName':
      return firstName(ctx.agent.name) || null;
    case 'agent.name':
      return ctx.agent.name;
  }
}

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a template uses, in order of first use, each once. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(TOKEN)].map((m) => m[1] ?? ''))];
}

/**
 * Fills a macro's placeholders. Anything that cannot be filled stays in the text exactly as
 * written, so the agent sees it in the composer before sending, and is reported so the preview
 * can say why.
 */
export function renderMacroText(template: string, ctx: MacroContext): RenderedMacro {
  const unknown = new Set<string>();
  const missing = new Set<Placeholder>();
  const text = template.replace(TOKEN, (whole, name: string) => {
    if (!isPlaceholder(name)) {
      unknown.add(name);
      return whole;
    }
    const value = valueOf(name, ctx);
    if (value === null) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, unknown: [...unknown], missing: [...missing] };
}

/** Why a change a macro asks for cannot be made on this ticket; the other changes still apply. */
export type ChangeProblem = 'closed_is_final' | 'cannot_return_to_new' | 'assignee_not_in_team';

export type MacroChange =
  | { field: 'status'; from: TicketStatus; to: TicketStatus; problem: ChangeProblem | null }
  | { field: 'priority'; from: TicketPriority; to: TicketPriority; problem: null }
  | { field: 'type'; from: TicketType; to: TicketType; problem: null }
  | { field: 'tags'; from: string[]; to: string[]; added: string[]; removed: string[]; problem: null }
  | { field: 'team'; from: string; to: string; problem: null }
  | { field: 'assignee'; from: string | null; to: string | null; problem: ChangeProblem | null };

export interface ChangeContext {
  /** The person applying the macro (for "assign to me"). */
  meId: string;
  /** The teams a person is in; null when the person is unknown here. */
  teamsOf(userId: string): readonly string[] | null;
}

/**
 * What applying `actions` to `ticket` would change, field by field, from → to. Actions that would
 * change nothing are left out. A team change drops an assignee who is not in the new team (as
 * moving a ticket to another team does), unless the macro names the assignee itself, in which case
 * a mismatch is reported as a problem instead of silently picking someone else.
 */
export function macroChanges(actions: MacroActions, ticket: Ticket, ctx: ChangeContext): MacroChange[] {
  const changes: MacroChange[] = [];

  const team = actions.teamId ?? ticket.teamId;
  const named = actions.assignToSelf ? ctx.meId : actions.assigneeId;
  const inTeam = (userId: string) => ctx.teamsOf(userId)?.includes(team) ?? false;
  let assignee = named === undefined ? ticket.assigneeId : named;
  let assigneeProblem: ChangeProblem | null = null;
  // Only what the macro touches is checked: a ticket it leaves alone keeps its assignee as it is.
  const touched = named !== undefined || team !== ticket.teamId;
  if (touched && assignee !== null && !inTeam(assignee)) {
    if (named === undefined) assignee = null;
    else assigneeProblem = 'assignee_not_in_team';
  }
  if (team !== ticket.teamId) changes.push({ field: 'team', from: ticket.teamId, to: team, problem: null });
  if (assignee !== ticket.assigneeId) changes.push({ field: 'assignee', from: ticket.assigneeId, to: assignee, problem: assigneeProblem });

  if (actions.priority !== undefined && actions.priority !== ticket.priority)
    changes.push({ field: 'priority', from: ticket.priority, to: actions.priority, problem: null });
  if (actions.type !== undefined && actions.type !== ticket.type)
    changes.push({ field: 'type', from: ticket.type, to: actions.type, problem: null });

  const current = new Set(ticket.tags);
  const removing = new Set(actions.removeTags ?? []);
  // A tag both added and removed is removed: the macro's author asked for it gone in the end.
  const added = [...new Set(actions.addTags ?? [])].filter((t) => !current.has(t) && !removing.has(t));
  const removed = [...removing].filter((t) => current.has(t));
  if (added.length > 0 || removed.length > 0) {
    const to = [...new Set([...ticket.tags, ...added])].filter((t) => !removing.has(t)).sort();
    changes.push({ field: 'tags', from: [...ticket.tags], to, added, removed, problem: null });
  }

  if (actions.status !== undefined && actions.status !== ticket.status) {
    const check = checkTransition(ticket.status, actions.status);
    // 'unchanged' cannot come back here: the statuses differ.
    const problem = check.ok || check.reason === 'unchanged' ? null : check.reason;
    changes.push({ field: 'status', from: ticket.status, to: actions.status, problem });
  }
  return changes;
}
