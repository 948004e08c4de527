/**
 * The sidebar's "My tasks": shown to account managers, whose work tasks are, and to anyone else
 * once they have an open task; its badge counts the open tasks already due (overdue ones).
 */
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useNow } from '../../ui/time.tsx';

export function TasksNav({ active }: { active: boolean }) {
  const { t, f } = useI18n();
  const now = useNow();
  const me = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']).data?.me ?? null;
  const tasks = useQuery('tasks:nav', (api) => api.tasks.mine({ limit: 500 }), ['task']).data?.tasks ?? [];
  if (me?.role !== 'account_manager' && tasks.length === 0) return null;
  const overdue = tasks.filter((task) => task.dueAt < now).length;
  return (
    <a className="nav-link nav-link-count" href="#/tasks" aria-current={active ? 'page' : undefined} data-active={active}>
      {t('nav.tasks')}
      {overdue > 0 && (
        <span className="nav-count" aria-label={t('tasks.overdueCount', { count: overdue })}>
          {f.number(overdue)}
        </span>
      )}
    </a>
  );
}
