/**
 * The service metrics of a period (docs/metrics.md), computed by Core from the local cache with the
 * server's own function, so it works offline: the period and its comparison, filters, the two
 * switchable definitions, the figures, the trend, the per-agent table and CSV export.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { ACCOUNT_TIERS, CHANNELS, CUSTOMER_TYPES, TICKET_PRIORITIES, TICKET_TYPES } from '../../../../shared/domain/enums.ts';
import { PERIOD_KINDS, type MetricsQueryInput, type PeriodKind } from '../../../../shared/metrics/query.ts';
import type { DurationFigure, Figures, MetricsReport } from '../../../../shared/metrics/report.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { Select } from '../../ui/Select.tsx';
import { useNow } from '../../ui/time.tsx';
import { AGENT_COLUMNS, agentsCsv, HOUR_MS, TREND_COLUMNS, trendCsv, type HoursKind } from './csv.ts';
import { TrendChart } from './TrendChart.tsx';
import './metrics.css';

type Filters = NonNullable<MetricsQueryInput['filters']>;

/** The zone whose midnights cut the days: this computer's. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const one = <T,>(v: T | undefined): T[] => (v === undefined ? [] : [v]);

export function MetricsView() {
  const { t, f } = useI18n();
  const now = useNow();
  const [period, setPeriod] = useState<PeriodKind>('30d');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [compare, setCompare] = useState(true);
  const [granularity, setGranularity] = useState<'day' | 'week'>('day');
  const [fcr, setFcr] = useState<'one_reply' | 'no_follow_up'>('one_reply');
  const [cesScale, setCesScale] = useState<7 | 10>(7);
  const [hours, setHours] = useState<HoursKind>('business');
  const [filters, setFilters] = useState<Filters>({});
  const [tagText, setTagText] = useState('');

  const query: MetricsQueryInput = {
    period,
    ...(period === 'custom' ? { from, to } : {}),
    timeZone: TIME_ZONE,
    compare,
    granularity,
    fcr,
    cesScale,
    filters: { ...filters, tags: tagText.split(/[\s,]+/).filter(Boolean) },
  };
  const key = JSON.stringify(query);
  const customIncomplete = period === 'custom' && (!from || !to);
  const report = useQuery(
    `metrics:${customIncomplete ? 'waiting' : key}`,
    (api) => (customIncomplete ? Promise.resolve(null) : api.metrics.compute(query)),
    ['ticket', 'message', 'feedback', 'sla'],
  );
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  const nameOf = (id: string) => directory.data?.users.find((u) => u.id === id)?.name ?? t('metrics.unknownAgent');
  const data = report.data ?? null;

  return (
    <section className="page metrics" aria-labelledby="metrics-title">
      <header className="page-header">
        <h1 id="metrics-title">{t('metrics.title')}</h1>
        {data && <span className="muted">{t('metrics.generated', { time: f.relative(data.now, now), zone: TIME_ZONE })}</span>}
      </header>
      <form className="panel metrics-controls" aria-label={t('metrics.controls')} onSubmit={(e) => e.preventDefault()}>
        <div className="form-grid">
          <Field label={t('metrics.period')}>
            <Select options={PERIOD_KINDS} label={(p) => t(`metrics.period.${p}`)} value={period} onChange={(v) => v && setPeriod(v)} />
          </Field>
          {period === 'custom' && (
            <>
              <Field label={t('metrics.from')}>
                <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
              </Field>
              <Field label={t('metrics.to')}>
                <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
              </Field>
            </>
          )}
          <Field label={t('metrics.granularity')}>
            <Select
              options={['day', 'week'] as const}
              label={(g) => t(`metrics.granularity.${g}`)}
              value={granularity}
              onChange={(v) => v && setGranularity(v)}
            />
          </Field>
          <Field label={t('metrics.hours')}>
            <Select
              options={['business', 'calendar'] as const}
              label={(h) => t(`metrics.hours.${h}`)}
              value={hours}
              onChange={(v) => v && setHours(v)}
            />
          </Field>
          <Field label={t('metrics.fcr')}>
            <Select
              options={['one_reply', 'no_follow_up'] as const}
              label={(d) => t(`metrics.fcr.${d}`)}
              value={fcr}
              onChange={(v) => v && setFcr(v)}
            />
          </Field>
          <Field label={t('metrics.cesScale')}>
            <Select
              options={[7, 10] as const}
              label={(s) => t(`metrics.cesScale.${s}`)}
              value={cesScale}
              onChange={(v) => v && setCesScale(v)}
            />
          </Field>
          <label className="field-inline metrics-compare">
            <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} />
            {t('metrics.compare')}
          </label>
        </div>
        <FilterBar filters={filters} setFilters={setFilters} tagText={tagText} setTagText={setTagText} directory={directory.data} />
      </form>
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorState error={report.error} onRetry={report.reload} />}
      {data && (
        <>
          <FigureGrid report={data} hours={hours} />
          <Trend report={data} hours={hours} />
          <Agents report={data} hours={hours} nameOf={nameOf} />
        </>
      )}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

type Directory = { users: { id: string; name: string; role: string }[]; teams: { id: string; name: string }[] };

function FilterBar({
  filters,
  setFilters,
  tagText,
  setTagText,
  directory,
}: {
  filters: Filters;
  setFilters: (f: Filters) => void;
  tagText: string;
  setTagText: (s: string) => void;
  directory: Directory | undefined;
}) {
  const { t, l } = useI18n();
  const teams = directory?.teams ?? [];
  const agents = (directory?.users ?? []).filter((u) => u.role !== 'account_manager');
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters({ ...filters, [k]: v });
  return (
    <div className="form-grid metrics-filters">
      <Field label={t('metrics.filter.team')}>
        <Select
          options={teams.map((x) => x.id)}
          label={(id) => teams.find((x) => x.id === id)?.name ?? id}
          value={filters.teamIds?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('teamIds', one(v))}
        />
      </Field>
      <Field label={t('metrics.filter.agent')}>
        <Select
          options={agents.map((x) => x.id)}
          label={(id) => agents.find((x) => x.id === id)?.name ?? id}
          value={filters.agentIds?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('agentIds', one(v))}
        />
      </Field>
      <Field label={t('metrics.filter.channel')}>
        <Select
          options={CHANNELS}
          label={l.channel}
          value={filters.channels?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('channels', one(v))}
        />
      </Field>
      <Field label={t('metrics.filter.priority')}>
        <Select
          options={TICKET_PRIORITIES}
          label={l.priority}
          value={filters.priorities?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('priorities', one(v))}
        />
      </Field>
      <Field label={t('metrics.filter.type')}>
        <Select
          options={TICKET_TYPES}
          label={l.type}
          value={filters.types?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('types', one(v))}
        />
      </Field>
      <Field label={t('metrics.filter.customerType')}>
        <Select
          options={CUSTOMER_TYPES}
          label={l.customerType}
          value={filters.customerTypes?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('customerTypes', one(v))}
        />
      </Field>
      <Field label={t('metrics.filter.tier')}>
        <Select
          options={ACCOUNT_TIERS}
          label={l.tier}
          value={filters.accountTiers?.[0] ?? ''}
          none={t('metrics.all')}
          onChange={(v) => set('accountTiers', one(v))}
        />
      </Field>
      <label className="field">
        <span>{t('metrics.filter.tags')}</span>
        <input type="text" value={tagText} onChange={(e) => setTagText(e.target.value)} aria-describedby="metrics-tags-hint" />
        <span id="metrics-tags-hint" className="muted metrics-hint">
          {t('metrics.filter.tagsHint')}
        </span>
      </label>
    </div>
  );
}

type Kind = 'count' | 'hours' | 'share' | 'decimal' | 'score';
interface FigureDef {
  key: string;
  label: string;
  kind: Kind;
  value: (f: Figures, hours: HoursKind) => number | null;
}

function useFormat() {
  const { t, f } = useI18n();
  return (kind: Kind, v: number | null): string => {
    if (v === null) return t('metrics.noValue');
    if (kind === 'count') return f.number(v);
    if (kind === 'share') return f.percent(v);
    if (kind === 'hours') return t('metrics.hoursValue', { value: f.number(Math.round(v * 10) / 10) });
    if (kind === 'score') return f.number(Math.round(v));
    return f.number(Math.round(v * 100) / 100);
  };
}

const median = (d: (f: Figures) => DurationFigure) => (f: Figures, h: HoursKind) => d(f)[h].median;

function FigureGrid({ report, hours }: { report: MetricsReport; hours: HoursKind }) {
  const { t } = useI18n();
  const format = useFormat();
  const ces = report.query.cesScale === 10;
  const defs: FigureDef[] = [
    { key: 'created', label: t('metrics.created'), kind: 'count', value: (f) => f.volume.created },
    { key: 'solved', label: t('metrics.solved'), kind: 'count', value: (f) => f.volume.solved },
    { key: 'backlog', label: t('metrics.backlog'), kind: 'count', value: (f) => f.volume.backlog },
    { key: 'firstReply', label: t('metrics.firstReply'), kind: 'hours', value: median((f) => f.firstReply) },
    { key: 'response', label: t('metrics.response'), kind: 'hours', value: (f, h) => f.response[h].mean },
    { key: 'firstResolution', label: t('metrics.firstResolution'), kind: 'hours', value: median((f) => f.firstResolution) },
    { key: 'fullResolution', label: t('metrics.fullResolution'), kind: 'hours', value: median((f) => f.fullResolution) },
    { key: 'resolutionP90', label: t('metrics.resolutionP90'), kind: 'hours', value: (f, h) => f.fullResolution[h].p90 },
    { key: 'fcr', label: t('metrics.fcrRate'), kind: 'share', value: (f) => f.fcr.rate },
    { key: 'reopen', label: t('metrics.reopenRate'), kind: 'share', value: (f) => f.reopen.rate },
    { key: 'interactions', label: t('metrics.interactions'), kind: 'decimal', value: (f) => f.interactions.perTicket },
    { key: 'escalation', label: t('metrics.escalationRate'), kind: 'share', value: (f) => f.escalation.rate },
    { key: 'replies', label: t('metrics.replies'), kind: 'count', value: (f) => f.replies },
    { key: 'csat', label: t('metrics.csat'), kind: 'share', value: (f) => f.csat.score },
    { key: 'csatResponse', label: t('metrics.csatResponse'), kind: 'share', value: (f) => f.csat.responseRate },
    {
      key: 'ces',
      label: t('metrics.ces'),
      kind: ces ? 'share' : 'decimal',
      value: (f) => (ces ? (f.ces.percent === null ? null : f.ces.percent / 100) : f.ces.mean),
    },
    { key: 'nps', label: t('metrics.nps'), kind: 'score', value: (f) => f.nps.score },
    { key: 'sla', label: t('metrics.sla'), kind: 'share', value: (f) => f.sla.all.rate },
    { key: 'slaFirstReply', label: t('metrics.sla.firstReply'), kind: 'share', value: (f) => f.sla.firstReply.rate },
    { key: 'slaNextReply', label: t('metrics.sla.nextReply'), kind: 'share', value: (f) => f.sla.nextReply.rate },
    { key: 'slaResolution', label: t('metrics.sla.resolution'), kind: 'share', value: (f) => f.sla.resolution.rate },
  ];
  return (
    <section className="metrics-figures" aria-label={t('metrics.figures')}>
      <dl className="stat-grid">
        {defs.map((d) => (
          <div key={d.key} className="stat">
            <dt>{d.label}</dt>
            <dd className="stat-number">{format(d.kind, d.value(report.figures, hours))}</dd>
            {report.previous && (
              <dd className="muted metrics-previous">
                {t('metrics.previous', { value: format(d.kind, d.value(report.previous, hours)) })}
              </dd>
            )}
          </div>
        ))}
      </dl>
    </section>
  );
}

function Trend({ report, hours }: { report: MetricsReport; hours: HoursKind }) {
  const { t, f, locale } = useI18n();
  const format = useFormat();
  const x = useMemo(() => report.trend.map((b) => b.span.start), [report]);
  const series = useMemo(
    () => [
      { label: t('metrics.created'), color: '--accent', values: report.trend.map((b) => b.figures.volume.created) },
      { label: t('metrics.solved'), color: '--ok', values: report.trend.map((b) => b.figures.volume.solved) },
      { label: t('metrics.backlog'), color: '--warn', values: report.trend.map((b) => b.figures.volume.backlog) },
    ],
    [report, t],
  );
  const header = TREND_COLUMNS.map((c) => t(`metrics.csv.${c}`));
  return (
    <section className="panel" aria-labelledby="metrics-trend-title">
      <div className="panel-header">
        <h2 id="metrics-trend-title" className="panel-title">
          {t('metrics.trend')}
        </h2>
        <button
          type="button"
          className="button"
          onClick={() => download(`metrics-${report.period.firstDate}-${report.period.lastDate}.csv`, trendCsv(report, hours, header))}
        >
          {t('metrics.export')}
        </button>
      </div>
      <TrendChart
        key={locale}
        label={t('metrics.trendVolume')}
        x={x}
        series={series}
        xLabel={t(report.query.granularity === 'week' ? 'metrics.trendWeekOf' : 'metrics.trendDay')}
        formatDate={f.shortDate}
      />
      <details className="metrics-trend-table">
        <summary>{t('metrics.trendTable')}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('metrics.csv.from')}</th>
              <th scope="col">{t('metrics.created')}</th>
              <th scope="col">{t('metrics.solved')}</th>
              <th scope="col">{t('metrics.backlog')}</th>
              <th scope="col">{t('metrics.firstReply')}</th>
              <th scope="col">{t('metrics.csat')}</th>
            </tr>
          </thead>
          <tbody>
            {report.trend.map((b) => (
              <tr key={b.span.firstDate}>
                <th scope="row">{b.span.firstDate}</th>
                <td>{format('count', b.figures.volume.created)}</td>
                <td>{format('count', b.figures.volume.solved)}</td>
                <td>{format('count', b.figures.volume.backlog)}</td>
                <td>{format('hours', b.figures.firstReply[hours].median)}</td>
                <td>{format('share', b.figures.csat.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Agents({ report, hours, nameOf }: { report: MetricsReport; hours: HoursKind; nameOf: (id: string) => string }) {
  const { t } = useI18n();
  const format = useFormat();
  const rows = [...report.agents].sort((a, b) => b.replies - a.replies || nameOf(a.agentId).localeCompare(nameOf(b.agentId)));
  const header = AGENT_COLUMNS.map((c) => t(`metrics.csv.${c}`));
  return (
    <section className="panel" aria-labelledby="metrics-agents-title">
      <div className="panel-header">
        <h2 id="metrics-agents-title" className="panel-title">
          {t('metrics.agents')}
        </h2>
        <button
          type="button"
          className="button"
          disabled={rows.length === 0}
          onClick={() =>
            download(`metrics-agents-${report.period.firstDate}-${report.period.lastDate}.csv`, agentsCsv(report, hours, nameOf, header))
          }
        >
          {t('metrics.exportAgents')}
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('metrics.noAgents')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('metrics.agent')}</th>
              <th scope="col">{t('metrics.replies')}</th>
              <th scope="col">{t('metrics.solved')}</th>
              <th scope="col">{t('metrics.firstReply')}</th>
              <th scope="col">{t('metrics.csat')}</th>
              <th scope="col">{t('metrics.sla')}</th>
              <th scope="col">{t('metrics.available')}</th>
              <th scope="col">{t('metrics.onBreak')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.agentId}>
                <th scope="row">{nameOf(a.agentId)}</th>
                <td>{format('count', a.replies)}</td>
                <td>{format('count', a.solved)}</td>
                <td>{format('hours', a.firstReply[hours].median)}</td>
                <td>{format('share', a.csat.score)}</td>
                <td>{format('share', a.sla.rate)}</td>
                <td>{format('hours', a.availableMs / HOUR_MS)}</td>
                <td>{format('hours', a.breakMs / HOUR_MS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
