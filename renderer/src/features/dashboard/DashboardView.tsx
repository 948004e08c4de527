/** The numbers at a glance, computed by Core from the local cache (works offline); it says what they cover. */
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../../../shared/contract/channels.ts';
import { holdsWholeWorkload } from '../../../../shared/domain/dashboard-coverage.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../shared/domain/enums.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { useNow } from '../../ui/time.tsx';

export function DashboardView() {
  const { t, l, f } = useI18n();
  const now = useNow();
  const query = useQuery('dashboard', (api) => api.dashboard.summary({}), ['ticket', 'user']);

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <header className="page-header">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        {query.data && <span className="muted">{t('dashboard.generated', { time: f.relative(query.data.generatedAt, now) })}</span>}
      </header>
      {query.data && <p className="dashboard-coverage">{t(`dashboard.coverage.${query.data.coverage}`)}</p>}
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {query.status === 'ready' && (
        <>
          <dl className="stat-grid">
            <Stat label={t('dashboard.unassigned')} value={f.number(query.data.unassigned)} />
            <Stat
              label={t('dashboard.slaAtRisk')}
              value={f.number(query.data.slaAtRisk)}
              tone={query.data.slaAtRisk > 0 ? 'warn' : undefined}
            />
            <Stat
              label={t('dashboard.slaBreached')}
              value={f.number(query.data.slaBreached)}
              tone={query.data.slaBreached > 0 ? 'danger' : undefined}
            />
            <Stat label={t('dashboard.created24h')} value={f.number(query.data.createdLast24h)} />
            <Stat label={t('dashboard.solved24h')} value={f.number(query.data.solvedLast24h)} />
          </dl>
          <div className="dashboard-grid">
            <Bars
              title={t('dashboard.byStatus')}
              rows={TICKET_STATUSES.map((s) => ({
                key: s,
                label: l.status(s),
                value: query.data.byStatus[s] ?? 0,
                className: `bar-status-${s}`,
              }))}
            />
            <Bars
              title={t('dashboard.byPriority')}
              rows={TICKET_PRIORITIES.map((p) => ({
                key: p,
                label: l.priority(p),
                value: query.data.unsolvedByPriority[p] ?? 0,
                className: `bar-priority-${p}`,
              }))}
            />
            <Bars
              title={t('dashboard.backlogByAge')}
              rows={query.data.backlogByAge.map((b) => ({
                key: b.bucket,
                label: t(`backlog.${b.bucket}`),
                value: b.count,
                className: 'bar-neutral',
              }))}
            />
            <Workload rows={query.data.workload} whole={holdsWholeWorkload(query.data.coverage)} />
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Unsolved tickets per person: against capacity when the cache holds each person's every ticket,
 * else plainly the count of those held, with no capacity to be over (docs/metrics.md).
 */
function Workload({ rows, whole }: { rows: DashboardSummary['workload']; whole: boolean }) {
  const { t, l, f } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.open));
  return (
    <Panel title={t(whole ? 'dashboard.workload' : 'dashboard.workloadSeen')}>
      {rows.length === 0 ? (
        <p className="muted">{t('dashboard.noAgents')}</p>
      ) : (
        <table className="workload">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.agent')}</th>
              <th scope="col">{t('dashboard.openTickets')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ user, open, capacity }) => {
              const over = capacity !== null && open > capacity;
              const share = capacity === null ? open / max : capacity > 0 ? open / capacity : 1;
              return (
                <tr key={user.id}>
                  <th scope="row">
                    <span className="workload-agent">
                      <span className="truncate">{user.name}</span>
                      <span className="muted workload-role">{l.role(user.role)}</span>
                    </span>
                  </th>
                  <td>
                    <span className="bar-line">
                      <span className="bar-track" aria-hidden="true">
                        <span
                          className={`bar-fill ${over ? 'bar-over' : 'bar-neutral'}`}
                          style={{ width: `${Math.min(100, share * 100)}%` }}
                        />
                      </span>
                      <span className="bar-value">
                        {capacity === null ? f.number(open) : t('dashboard.workloadValue', { open, capacity })}
                        {over && <span className="over-capacity"> · {t('dashboard.overCapacity')}</span>}
                      </span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'warn' | 'danger' | undefined }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd className="stat-number">{value}</dd>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2 className="panel-title">{title}</h2>
      {children}
    </section>
  );
}

/** Horizontal bars scaled to the largest value; each row states its number, so no chart library. */
function Bars({ title, rows }: { title: string; rows: { key: string; label: string; value: number; className: string }[] }) {
  const { f } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <Panel title={title}>
      <dl className="bars">
        {rows.map((r) => (
          <div key={r.key} className="bar-row">
            <dt className="truncate">{r.label}</dt>
            <dd>
              <span className="bar-track" aria-hidden="true">
                <span className={`bar-fill ${r.className}`} style={{ width: `${(r.value / max) * 100}%` }} />
              </span>
              <span className="bar-value">{f.number(r.value)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
