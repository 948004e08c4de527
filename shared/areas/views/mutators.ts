/** The views area's mutators: a person's own saved views and the shared ones. */
import { z } from 'zod';
import { Id, SavedView } from '../../domain/records.ts';
import { canShareViews } from '../../domain/permissions.ts';
import { define, rejected, upserted } from '../../sync/define-mutator.ts';
import { personOf } from '../../domain/actors.ts';

export const viewMutators = {
  'view.upsert': define({
    args: SavedView.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true }),
    subject: { entity: 'saved_view', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('saved_view', args.id);
      if (existing && existing.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that view does not exist');
      const isShared = args.ownerId === null || existing?.ownerId === null;
      if (isShared ? !canShareViews(ctx.actor) : args.ownerId !== personOf(ctx.actor).id)
        rejected('FORBIDDEN', 'you cannot edit this view');
      tx.put('saved_view', upserted(args, existing, ctx));
    },
  }),

  'view.delete': define({
    args: z.object({ id: Id }),
    subject: { entity: 'saved_view', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('saved_view', args.id);
      if (!existing) return;
      if (existing.ownerId === null ? !canShareViews(ctx.actor) : existing.ownerId !== personOf(ctx.actor).id)
        rejected('FORBIDDEN', 'you cannot delete this view');
      tx.del('saved_view', args.id);
    },
  }),
} as const;
