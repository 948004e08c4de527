/**
 * The complaint taxonomy as records: the tenant's categories a ticket marked as a complaint is
 * filed under (docs/metrics.md, "Complaint review"). Synced to every console, since every agent
 * picks from them and the review reads them offline.
 *
 * Two categories may not share a name (compared trimmed and case-blind). A mutator reads records
 * by id only, so each name is claimed by a record whose id is derived from the name: a second
 * category asking for a claimed name finds the claim and is refused, on the console and on the
 * server alike, without listing the categories.
 */
import { z } from 'zod';
import { Id, recordBase } from '../domain/records.ts';
import { Text } from '../domain/text.ts';
import { deterministicId } from '../ids.ts';

/** What a person edits on a category (complaintCategory.upsert without the id). */
export const ComplaintCategoryFields = z.object({
  name: Text.trim().min(1).max(100),
  description: Text.trim().max(1000),
  /** Categories are listed in ascending position (pickers, the settings list). */
  position: z.number().int().nonnegative(),
});
export type ComplaintCategoryFields = z.infer<typeof ComplaintCategoryFields>;

export const ComplaintCategory = z.object({ ...recordBase, ...ComplaintCategoryFields.shape, active: z.boolean() });
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

/** A name taken by a category: its id is nameClaimId(tenant, name). */
export const ComplaintCategoryName = z.object({ ...recordBase, categoryId: Id });
export type ComplaintCategoryName = z.infer<typeof ComplaintCategoryName>;

/** The form two names are compared in: "Billing error" and " billing ERROR" are one name. */
export function normalizedCategoryName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export function nameClaimId(tenantId: string, name: string): string {
  return deterministicId('complaint-category-name', tenantId, normalizedCategoryName(name));
}

/** The root cause an agent records when a complaint is solved. */
export const RootCause = Text.trim().min(1).max(2000);
