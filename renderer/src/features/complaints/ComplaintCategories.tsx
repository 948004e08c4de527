/**
 * Settings, "Complaint categories" (supervisors and admins, whom complaintCategory.* allows): the
 * taxonomy agents file complaints under, in order, moved up or down, renamed, described, retired
 * or used again, and new ones added. Refusals (a taken name) are said next to the form.
 */
import { useId, useState } from 'react';
import type { ComplaintCategory } from '../../../../shared/complaints/records.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { overseesAll } from '../../../../shared/sync/scopes.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { useComplaintCategories } from './TicketComplaint.tsx';

type Editing = { id: string; name: string; description: string; position: number } | null;

export function ComplaintCategories() {
  const api = useApi();
  const { t, l } = useI18n();
  const ids = useId();
  const { user: me } = useSession();
  const categories = useComplaintCategories();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  if (!me || !overseesAll(me.role)) return null;

  const change = (p: Promise<unknown>) => {
    setError(null);
    return p.then(
      () => true,
      (err: unknown) => {
        setError(t('complaints.settings.saveFailed', { reason: l.error(asAppError(err).code) }));
        return false;
      },
    );
  };
  const list: readonly ComplaintCategory[] = categories.data ?? [];
  const move = (from: number, to: number) => {
    const order = list.map((c) => c.id);
    const [id] = order.splice(from, 1);
    order.splice(to, 0, id!);
    void change(runMutation(api, 'complaintCategory.reorder', { ids: order }));
  };
  const save = async (e: Editing) => {
    if (!e) return;
    const ok = await change(
      runMutation(api, 'complaintCategory.upsert', { id: e.id, name: e.name, description: e.description, position: e.position }),
    );
    if (ok) setEditing(null);
  };

  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="panel-title">
        {t('complaints.settings.title')}
      </h2>
      <p className="muted">{t('complaints.settings.intro')}</p>
      {categories.status === 'loading' && <Loading />}
      {categories.status === 'error' && <ErrorState error={categories.error} onRetry={categories.reload} />}
      {categories.status === 'ready' && (
        <ol className="sla-policies complaint-categories" aria-label={t('complaints.settings.order')}>
          {list.map((c, i) => (
            <li key={c.id}>
              <span>{c.name}</span>{' '}
              <span className="muted">{c.active ? t('complaints.settings.active') : t('complaints.settings.inactive')}</span>{' '}
              <button
                type="button"
                className="button button-small"
                disabled={i === 0}
                aria-label={t('complaints.settings.moveUp', { name: c.name })}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={i === list.length - 1}
                aria-label={t('complaints.settings.moveDown', { name: c.name })}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setEditing({ id: c.id, name: c.name, description: c.description, position: c.position })}
              >
                {t('complaints.settings.edit', { name: c.name })}
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => void change(runMutation(api, 'complaintCategory.setActive', { id: c.id, active: !c.active }))}
              >
                {c.active ? t('complaints.settings.retire', { name: c.name }) : t('complaints.settings.restore', { name: c.name })}
              </button>
              {c.description && <p className="muted">{c.description}</p>}
            </li>
          ))}
        </ol>
      )}
      {editing ? (
        <form
          className="dialog-form complaint-category-form"
          aria-label={editing.name ? t('complaints.settings.edit', { name: editing.name }) : t('complaints.settings.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void save(editing);
          }}
        >
          <label className="field">
            {t('complaints.settings.name')}
            <input
              data-autofocus
              required
              maxLength={100}
              value={editing.name}
              onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            />
          </label>
          <label className="field">
            {t('complaints.settings.description')}
            <textarea
              rows={2}
              maxLength={1000}
              value={editing.description}
              onChange={(e) => setEditing({ ...editing, description: e.target.value })}
            />
          </label>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t('complaints.settings.cancelEdit')}
            </button>
            <button type="submit" className="button button-primary">
              {t('complaints.settings.save')}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button"
          disabled={categories.status !== 'ready'}
          onClick={() => setEditing({ id: uuidv7(), name: '', description: '', position: list.length })}
        >
          {t('complaints.settings.add')}
        </button>
      )}
      <FormError>{error}</FormError>
    </section>
  );
}
