/** The macros area's mutators: a person's own macros and the team's shared ones. */
import { Macro } from '../../domain/records.ts';
import { canManageMacros } from '../../domain/permissions.ts';
import { checkOwnedChange, define, rejected, upserted } from '../../sync/define-mutator.ts';

export const macroMutators = {
  'macro.upsert': define({
    args: Macro.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true }),
    subject: { entity: 'macro', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('macro', args.id);
      checkOwnedChange(existing, args.ownerId, ctx, canManageMacros(ctx.actor), 'macro');
      // A macro naming a team or person that does not exist would fail on every ticket it is applied to.
      const { teamId, assigneeId } = args.actions;
      if (teamId !== undefined && tx.get('team', teamId)?.tenantId !== ctx.actor.tenantId)
        rejected('NOT_FOUND', 'that team does not exist');
      if (assigneeId && tx.get('user', assigneeId)?.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that person does not exist');
      tx.put('macro', upserted(args, existing, ctx));
    },
  }),
} as const;
