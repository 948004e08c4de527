/**
 * My tasks: the signed-in person's open tasks in three groups (overdue, due today, upcoming, by
 * this computer's calendar day; shared/domain/tasks.ts), each with what it is about, and the ones
 * completed since the page opened, struck through so a slip of the checkbox can be undone. N or
 * the button creates a task; a task's title opens it for editing.
 */
import { useEffect, useState } from 'react';
import type { TaskRow } from '../../../../shared/areas/tasks/channels.ts';
import { TASK_GROUPS, taskGroup, type TaskGroup } from '../../../../shared/domain/tasks.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { isBareShortcut } from '../../ui/keyboard.ts';
import { useNow } from '../../ui/time.tsx';
import { NEW_TASK_KEY } from './shortcuts.ts';
import { TaskEditor, type TaskDraft } from './TaskEditor.tsx';

const LIMIT = 500;

export function MyTasks() {
  const { t, f } = useI18n();
  const now = useNow();
  // Tasks checked off while the page is open stay on it, under "Completed".
  const [openedAt] = useState(() => Date.now());
  const query = useQuery(`tasks:mine:${openedAt}`, (api) => api.tasks.mine({ completedSince: openedAt, limit: LIMIT }), [
    'task',
    'account',
    'contact',
    'ticket',
  ]);
  const [editing, setEditing] = useState<TaskDraft | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== NEW_TASK_KEY || e.shiftKey || !isBareShortcut(e)) return;
      e.preventDefault();
      setEditing({ task: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const header = (
    <header className="page-header">
      <h1 id="tasks-title">{t('tasks.title')}</h1>
      <button type="button" className="button button-primary" onClick={() => setEditing({ task: null })} aria-keyshortcuts="N">
        {t('tasks.new')}
      </button>
    </header>
  );
  const editor = editing && <TaskEditor draft={editing} onClose={() => setEditing(null)} />;
  if (query.status !== 'ready')
    return (
      <>
        <NotReady back={header} state={query} />
        {editor}
      </>
    );

  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const groups = new Map<TaskGroup | 'done', TaskRow[]>([...TASK_GROUPS, 'done' as const].map((g) => [g, []]));
  for (const task of query.data.tasks) groups.get(task.completedAt !== null ? 'done' : taskGroup(task.dueAt, now, timeZone))?.push(task);
  const done = groups.get('done') ?? [];

  return (
    <article className="page tasks-page" aria-labelledby="tasks-title">
      {header}
      {editor}
      {query.data.tasks.length === 0 && <p className="muted">{t('tasks.none')}</p>}
      {query.data.truncated && <p className="field-notice">{t('tasks.truncated', { count: LIMIT })}</p>}
      {query.data.tasks.length > 0 &&
        TASK_GROUPS.map((group) => {
          const tasks = groups.get(group) ?? [];
          return (
            <section key={group} className={`panel task-group task-group-${group}`} aria-labelledby={`tasks-${group}`}>
              <h2 id={`tasks-${group}`} className="panel-title">
                {t(`tasks.group.${group}`)} <span className="muted">{f.number(tasks.length)}</span>
              </h2>
              {tasks.length === 0 ? (
                <p className="muted">{t(`tasks.groupEmpty.${group}`)}</p>
              ) : (
                <TaskList
                  tasks={tasks}
                  labelledBy={`tasks-${group}`}
                  onEdit={(task) => setEditing({ task, accountName: task.accountName })}
                />
              )}
            </section>
          );
        })}
      {done.length > 0 && (
        <section className="panel task-group task-group-done" aria-labelledby="tasks-done">
          <h2 id="tasks-done" className="panel-title">
            {t('tasks.group.done')} <span className="muted">{f.number(done.length)}</span>
          </h2>
          <TaskList tasks={done} labelledBy="tasks-done" onEdit={(task) => setEditing({ task, accountName: task.accountName })} />
        </section>
      )}
    </article>
  );
}

function TaskList({ tasks, labelledBy, onEdit }: { tasks: readonly TaskRow[]; labelledBy: string; onEdit(task: TaskRow): void }) {
  const { t, f } = useI18n();
  const api = useApi();
  return (
    <ul className="task-list" aria-labelledby={labelledBy}>
      {tasks.map((task) => {
        const done = task.completedAt !== null;
        return (
          <li key={task.id} className="task-row" data-done={done}>
            <input
              type="checkbox"
              checked={done}
              aria-label={t('tasks.complete', { title: task.title })}
              onChange={(e) => void runMutation(api, 'task.complete', { id: task.id, done: e.target.checked })}
            />
            <span className="task-row-main">
              <button
                type="button"
                className="link-button task-row-title"
                aria-label={t('tasks.edit', { title: task.title })}
                onClick={() => onEdit(task)}
              >
                {task.title}
              </button>
              <span className="task-row-meta">
                <span>{t('tasks.due', { date: f.dateTime(task.dueAt) })}</span>
                {task.remindAt !== null && !done && <span>{t('tasks.remind', { date: f.dateTime(task.remindAt) })}</span>}
                {task.recurrence && <span className="chip">{t(`tasks.repeats.${task.recurrence}`)}</span>}
                {task.accountId && task.accountName && <a href={`#/accounts/${task.accountId}`}>{task.accountName}</a>}
                {task.contactId && task.contactName && <a href={`#/contacts/${task.contactId}`}>{task.contactName}</a>}
                {task.ticketId && task.ticketSubject && (
                  <a href={`#/tickets/${task.ticketId}`}>
                    {t('tasks.ticketLink', { number: task.ticketNumber ?? '', subject: task.ticketSubject })}
                  </a>
                )}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
