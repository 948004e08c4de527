import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import type { Actor } from '../sync/tx.ts';
import { eventActor, personOf, systemActor } from './actors.ts';
import { canEditAccount, canManageMacros, canMoveToTeam, canSeeTicket, canShareViews } from './permissions.ts';

const TENANT = '01890000-0000-7000-8000-000000000001';
const OTHER_TENANT = '01890000-0000-7000-8000-000000000002';
const TEAM = '01890000-0000-7000-8000-000000000003';
const agent: Actor = { id: '01890000-0000-7000-8000-000000000004', tenantId: TENANT, role: 'agent', teamIds: [] };

describe('system actors', () => {
  const sla = systemActor('automation:sla', TENANT);

  it('refuses a name that is not area:what', () => {
    expect(() => systemActor('SLA bot', TENANT)).toThrow(/automation:sla/);
  });

  it("work every team's tickets and accounts of their own tenant, and nothing of another", () => {
    expect(canSeeTicket(sla, { tenantId: TENANT, teamId: TEAM, accountId: null })).toBe(true);
    expect(canSeeTicket(agent, { tenantId: TENANT, teamId: TEAM, accountId: null })).toBe(false);
    expect(canSeeTicket(sla, { tenantId: OTHER_TENANT, teamId: TEAM, accountId: null })).toBe(false);
    expect(canMoveToTeam(sla, TEAM)).toBe(true);
    expect(canEditAccount(sla, { tenantId: TENANT, ownerId: agent.id })).toBe(true);
    expect(canEditAccount(sla, { tenantId: OTHER_TENANT, ownerId: null })).toBe(false);
  });

  it("manage no people's tools and never stand in for a person", () => {
    expect(canManageMacros(sla)).toBe(false);
    expect(canShareViews(sla)).toBe(false);
    expect(() => personOf(sla)).toThrow(AppError);
    expect(personOf(agent)).toBe(agent);
  });

  it('are named on the events they write; a person’s events keep their old shape', () => {
    expect(eventActor(sla)).toEqual({ actorId: null, actorKind: 'automation', automation: 'automation:sla' });
    expect(eventActor(agent)).toStrictEqual({ actorId: agent.id });
  });
});
