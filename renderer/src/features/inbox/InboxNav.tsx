/**
 * The inbox's sidebar entry: the built-in queues and the saved views (personal, then shared), each
 * with its ticket count, and the button that makes a new saved view.
 */
import { useState } from 'react';
import type { ViewCount } from '../../../../shared/contract/channels.ts';
import type { SavedView } from '../../../../shared/domain/records.ts';
import { BUILTIN_VIEWS } from '../../../../shared/domain/views.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate, useRouter } from '../../shell/router.ts';
import { formatHash } from '../../shell/routes.ts';
import { SavedViewEditor } from './occasional-parts.ts';
import { formatViewCount, groupViews, useSavedViews, useViewCounts } from './views.ts';

export function InboxNav({ active }: { active: boolean }) {
  const { t, l } = useI18n();
  const route = useRouter((s) => s.route);
  const lastQueue = useRouter((s) => s.lastQueue);
  const activeView = route.name === 'inbox' ? route.view : null;
  const activeSaved = route.name === 'savedView' ? route.id : null;
  const counts = useViewCounts().data;
  const views = groupViews(useSavedViews().data ?? []);
  const me = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']).data?.me ?? null;
  const [creating, setCreating] = useState(false);

  return (
    <>
      <a
        className="nav-link"
        href={formatHash(lastQueue)}
        aria-current={active && activeView === null && activeSaved === null ? 'page' : undefined}
        data-active={active}
      >
        {t('nav.inbox')}
      </a>
      <ul className="nav-sublist" aria-label={t('nav.queues')}>
        {BUILTIN_VIEWS.map((view) => (
          <li key={view}>
            <a className="nav-sublink" href={formatHash({ name: 'inbox', view })} aria-current={activeView === view ? 'page' : undefined}>
              <span className="nav-sublink-name">{l.view(view)}</span>
              <CountBadge count={counts?.builtin[view]} />
            </a>
          </li>
        ))}
      </ul>
      <SavedViewList label={t('views.personal')} views={views.personal} counts={counts?.saved} active={activeSaved} />
      <SavedViewList label={t('views.shared')} views={views.shared} counts={counts?.saved} active={activeSaved} />
      {me && (
        <button type="button" className="nav-add" onClick={() => setCreating(true)}>
          {t('views.new')}
        </button>
      )}
      {creating && me && (
        <SavedViewEditor
          me={me}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate({ name: 'savedView', id });
          }}
        />
      )}
    </>
  );
}

/** A queue's count, read out with the queue's name ("Mine, 12 tickets"). */
function CountBadge({ count }: { count: ViewCount | undefined }) {
  const { t, f } = useI18n();
  if (!count) return null;
  const shown = formatViewCount(count, f);
  return (
    <>
      <span className="nav-count" aria-hidden="true">
        {shown}
      </span>
      {/* A space, so the link's name reads "Mine, 12 tickets" rather than running the words together. */}{' '}
      <span className="visually-hidden">{t('views.countLabel', { count: count.count, shown })}</span>
    </>
  );
}

function SavedViewList(props: { label: string; views: SavedView[]; counts: Record<string, ViewCount> | undefined; active: string | null }) {
  if (props.views.length === 0) return null;
  return (
    <>
      <h2 className="nav-group">{props.label}</h2>
      <ul className="nav-sublist" aria-label={props.label}>
        {props.views.map((view) => (
          <li key={view.id}>
            <a
              className="nav-sublink"
              href={formatHash({ name: 'savedView', id: view.id })}
              aria-current={props.active === view.id ? 'page' : undefined}
            >
              {/* A long name is cut off with an ellipsis: the tooltip shows it whole. */}
              <span className="nav-sublink-name" title={view.name}>
                {view.name}
              </span>
              <CountBadge count={props.counts?.[view.id]} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
