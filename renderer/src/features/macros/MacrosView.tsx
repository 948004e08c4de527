/**
 * The Macros page: every macro the person may use, active or not. Supervisors and admins manage
 * the shared ones; everyone manages their own personal macros (the same rule macro.upsert
 * enforces). Whatever the person may not change is shown read-only.
 */
import { useState } from 'react';
import type { Macro } from '../../../../shared/domain/records.ts';
import { canManageMacros } from '../../../../shared/domain/permissions.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { Empty, ErrorState, Loading } from '../../ui/DataState.tsx';
import { upsertOf } from './editor-form.ts';
import { MacroEditor } from './MacroEditor.tsx';

type Editing = { macro: Macro | null } | null;

export function MacrosView() {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const macros = useQuery('macros:all', (a) => a.macros.list({ includeInactive: true }), ['macro']);
  const directory = useQuery('directory', (a) => a.directory.get({}), ['user', 'team']);
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const manager = me !== null && canManageMacros({ id: me.id, tenantId: me.tenantId, role: me.role, teamIds: me.teamIds });
  const canEdit = (macro: Macro) => (macro.ownerId === null ? manager : macro.ownerId === me?.id);

  const toggle = async (macro: Macro) => {
    setFailure(null);
    try {
      await runMutation(api, 'macro.upsert', upsertOf(macro, { active: !macro.active }));
    } catch (err) {
      setFailure(t('macros.saveFailed', { reason: l.error(asAppError(err).code) }));
    }
  };

  return (
    <section className="page" aria-labelledby="macros-title">
      <header className="page-header">
        <h1 id="macros-title">{t('macros.title')}</h1>
        <span className="view-header-spacer" />
        {me && (
          <button type="button" className="button button-primary" onClick={() => setEditing({ macro: null })}>
            {t('macros.new')}
          </button>
        )}
      </header>
      <p className="macro-intro">
        {t('macros.intro')} {!manager && t('macros.readOnly')}
      </p>
      {failure && (
        <p className="form-error macro-intro" role="alert">
          {failure}
        </p>
      )}
      {macros.status === 'error' ? (
        <ErrorState error={macros.error} onRetry={macros.reload} />
      ) : macros.status === 'loading' ? (
        <Loading />
      ) : macros.data.macros.length === 0 ? (
        <Empty>{t('macros.none')}</Empty>
      ) : (
        <table className="macro-table" aria-label={t('macros.listLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('macros.col.title')}</th>
              <th scope="col">{t('macros.col.visibility')}</th>
              <th scope="col">{t('macros.col.inserts')}</th>
              <th scope="col">{t('macros.col.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('macros.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {macros.data.macros.map((macro) => (
              <tr key={macro.id} data-inactive={!macro.active}>
                <th scope="row">{macro.title}</th>
                <td>{macro.ownerId === null ? t('macros.shared') : t('macros.personal')}</td>
                <td>{l.messageKind(macro.replyKind)}</td>
                <td>{macro.active ? t('macros.active') : t('macros.inactive')}</td>
                <td>
                  {canEdit(macro) && (
                    <div className="macro-row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('macros.editLabel', { title: macro.title })}
                        onClick={() => setEditing({ macro })}
                      >
                        {t('macros.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t(macro.active ? 'macros.deactivateLabel' : 'macros.activateLabel', { title: macro.title })}
                        onClick={() => void toggle(macro)}
                      >
                        {macro.active ? t('macros.deactivate') : t('macros.activate')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && me && directory.status === 'ready' && (
        <MacroEditor macro={editing.macro} meId={me.id} canShare={manager} directory={directory.data} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
