/** The views area's mutators: a person's own saved views and the shared ones. */
import { z } from 'zod';
import { Id, SavedView } from '../../domain/records.ts';
import { canShareViews } from '../../domain/permissions.ts';
import { checkOwnedChange, define, upserted } from '../../sync/define-mutator.ts';

export const viewMutators = {
  'view.upsert': define({
    args: SavedView.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true }),
    subject: { entity: 'saved_view', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('saved_view', args.id);
      checkOwnedChange(existing, args.ownerId, ctx, canShareViews(ctx.actor), 'view');
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
      checkOwnedChange(existing, undefined, ctx, canShareViews(ctx.actor), 'view');
      tx.del('saved_view', args.id);
    },
  }),
} as const;
