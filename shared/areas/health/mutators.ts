/**
 * The health area's mutators (docs/health-score.md): the tenant's weights, set by admins, and the
 * daily score the server's job records for each account.
 */
import { z } from 'zod';
import { CalendarDate, Id } from '../../domain/records.ts';
import { isSystemActor } from '../../domain/actors.ts';
import { bandOf, HealthReason } from '../../health/score.ts';
import { HealthWeights } from '../../health/weights.ts';
import { define, rejected, upserted } from '../../sync/define-mutator.ts';

/** Days of history kept per account. */
export const HEALTH_HISTORY_DAYS = 400;
/** When the follow-up task of a fall into "at risk" is due: two days after it. */
const FOLLOW_UP_MS = 2 * 86_400_000;

export const healthMutators = {
  'health.weights.set': define({
    /** `id`: the tenant's id, which the tenant's one settings record carries. */
    args: z.object({ id: Id, weights: HealthWeights }),
    subject: { entity: 'health_settings', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (args.id !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that tenant does not exist');
      if (isSystemActor(ctx.actor) || ctx.actor.role !== 'admin') rejected('FORBIDDEN', 'only admins tune the health score');
      const id = ctx.actor.tenantId;
      tx.put('health_settings', upserted({ id, weights: args.weights }, tx.get('health_settings', id), ctx));
    },
  }),

  /**
   * One day's score of an account, from the server's daily job (a system actor only): it joins
   * the history (one score a day, the last 400 days), becomes the account's score, and a fall into
   * "at risk" opens a follow-up task for the account's owner.
   */
  'health.record': define({
    args: z.object({
      accountId: Id,
      day: CalendarDate,
      score: z.number().int().min(0).max(100),
      reasons: z.array(HealthReason).max(20),
    }),
    subject: { entity: 'account', id: (a) => a.accountId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (!isSystemActor(ctx.actor)) rejected('FORBIDDEN', 'only the server’s daily job records health');
      const account = tx.get('account', args.accountId);
      if (!account || account.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that account does not exist');
      const existing = tx.get('account_health', account.id);
      const band = bandOf(args.score);
      const history = [...(existing?.history ?? []).filter((h) => h.day !== args.day), { day: args.day, score: args.score }]
        .sort((a, b) => (a.day < b.day ? -1 : 1))
        .slice(-HEALTH_HISTORY_DAYS);
      tx.put(
        'account_health',
        upserted(
          { id: account.id, accountId: account.id, score: args.score, band, reasons: args.reasons, day: args.day, history },
          existing,
          ctx,
        ),
      );
      if (account.healthScore !== args.score) tx.put('account', { ...account, healthScore: args.score, updatedAt: ctx.now });
      // A fall is a step from a known band above "at risk" into it; an account's first score is no fall.
      const fell = band === 'at_risk' && existing !== null && existing.band !== 'at_risk';
      if (fell && account.ownerId !== null) {
        // In the owner's language: the task is theirs.
        const zh = tx.get('user', account.ownerId)?.locale === 'zh-CN';
        const title = zh
          ? `健康度降至 ${args.score}：跟进 ${account.name}`
          : `Health fell to ${args.score}: follow up with ${account.name}`;
        tx.put(
          'task',
          upserted(
            {
              id: ctx.newId(),
              title: title.slice(0, 200),
              notes: '',
              accountId: account.id,
              contactId: null,
              ticketId: null,
              assigneeId: account.ownerId,
              dueAt: ctx.now + FOLLOW_UP_MS,
              remindAt: null,
              completedAt: null,
              recurrence: null,
            },
            null,
            ctx,
          ),
        );
      }
    },
  }),
};
