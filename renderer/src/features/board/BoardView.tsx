/**
 * The workload board, a supervisor's home: per person and per team, counted by Core from the local
 * cache and refreshed as changes arrive (docs/metrics.md, "Workload board"). Every number is a
 * button that lists the tickets behind it, where they can be ticked and reassigned in bulk.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  BACKLOG_BUCKETS,
  UnsolvedStatus,
  type AgentMeasure,
  type BoardAgent,
  type BoardFigure,
  type BoardTeam,
  type BoardWorkload,
  type TeamMeasure,
} from '../../../../shared/areas/board/channels.ts';
import { TICKET_PRIORITIES } from '../../../../shared/domain/enums.ts';
import { useApi } from '../../api/context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Empty, ErrorState, Loading } from '../../ui/DataState.tsx';
import { useNow } from '../../ui/time.tsx';
import { FigureTickets } from './FigureTickets.tsx';

/** A figure chosen on the board, with the words that name it above its list. */
export interface ChosenFigure {
  figure: BoardFigure;
  title: string;
}

/**
 * How long presence frames are gathered before the board is counted again: a supervisor's console
 * hears every ticket's frames, and one count per frame would keep Core busy for a dot's colour.
 */
export const PRESENCE_REFRESH_MS = 2_000;

export function BoardView() {
  const { t, f } = useI18n();
  const api = useApi();
  const now = useNow();
  const query = useQuery('board', (a) => a.board.workload({}), ['ticket', 'user', 'team']);
  const [chosen, setChosen] = useState<ChosenFigure | null>(null);
  /** The number that opened the list: closing the list returns there. */
  const opener = useRef<HTMLElement | null>(null);
  const open = (next: ChosenFigure) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setChosen(next);
  };
  const close = () => {
    setChosen(null);
    opener.current?.focus();
  };
  const { reload } = query;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('presence.changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, PRESENCE_REFRESH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api, reload]);

  return (
    <section className="page board" aria-labelledby="board-title">
      <header className="page-header">
        <h1 id="board-title">{t('board.title')}</h1>
        {query.data && <span className="muted">{t('board.generated', { time: f.relative(query.data.generatedAt, now) })}</span>}
      </header>
      {query.data && <p className="dashboard-coverage">{t(`dashboard.coverage.${query.data.coverage}`)}</p>}
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' &&
        // Refused for the person's role: saying so beats a retry that would be refused again.
        (query.error.code === 'FORBIDDEN' ? (
          <Empty>{t('board.forbidden')}</Empty>
        ) : (
          <ErrorState error={query.error} onRetry={query.reload} />
        ))}
      {query.data && (
        <div className="board-layout">
          <div className="board-figures">
            <Agents data={query.data} now={now} onOpen={open} />
            <Teams data={query.data} onOpen={open} />
          </div>
          {chosen && <FigureTickets key={JSON.stringify(chosen.figure)} chosen={chosen} at={query.data.generatedAt} onClose={close} />}
        </div>
      )}
    </section>
  );
}

/** A number that opens the tickets it counts. */
function FigureButton({
  value,
  what,
  title,
  figure,
  onOpen,
  tone,
  text,
}: {
  value: number;
  what: string;
  title: string;
  figure: BoardFigure;
  onOpen(chosen: ChosenFigure): void;
  tone?: 'warn' | 'danger' | undefined;
  /** What the button shows instead of the bare number; its name says it too, as shown. */
  text?: string;
}) {
  const { t, f } = useI18n();
  const shown = text ?? f.number(value);
  return (
    <button
      type="button"
      className={`figure-button${tone && value > 0 ? ` figure-${tone}` : ''}`}
      aria-label={t('board.openFigure', { what, count: shown })}
      onClick={() => onOpen({ figure, title })}
    >
      {shown}
    </button>
  );
}

function Agents({ data, now, onOpen }: { data: BoardWorkload; now: number; onOpen(chosen: ChosenFigure): void }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="board-agents">
      <h2 className="panel-title" id="board-agents">
        {t('board.agents')}
      </h2>
      {data.agents.length === 0 ? (
        <p className="muted">{t('board.noAgents')}</p>
      ) : (
        <div className="board-table-scroll">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t('board.agent')}</th>
                <th scope="col">{t('board.load')}</th>
                <th scope="col">{t('board.newOpen')}</th>
                <th scope="col">{t('board.pending')}</th>
                <th scope="col">{t('board.onHold')}</th>
                <th scope="col">{t('board.oldestUnanswered')}</th>
                <th scope="col">{t('board.atRisk')}</th>
                <th scope="col">{t('board.breached')}</th>
              </tr>
            </thead>
            <tbody>
              {data.agents.map((agent) => (
                <AgentRow key={agent.user.id} agent={agent} now={now} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AgentRow({ agent, now, onOpen }: { agent: BoardAgent; now: number; onOpen(chosen: ChosenFigure): void }) {
  const { t, l, f } = useI18n();
  const held = agent.newOpen + agent.pending + agent.onHold;
  const over = agent.capacity !== null && held > agent.capacity;
  const cell = (measure: AgentMeasure, label: string, value: number, tone?: 'warn' | 'danger') => (
    <td>
      <FigureButton
        value={value}
        what={`${agent.user.name}, ${label}`}
        title={t('board.figure.agent', { name: agent.user.name, what: label })}
        figure={{ scope: 'agent', userId: agent.user.id, measure }}
        onOpen={onOpen}
        tone={tone}
      />
    </td>
  );
  const seen = agent.presence;
  const { presence, shift } = agent.availability;
  const shiftText =
    shift.state === 'on'
      ? t('board.shift.on', { time: f.time(shift.until) })
      : shift.state === 'break'
        ? t('board.shift.break', { time: f.time(shift.until) })
        : shift.next === null
          ? t('board.shift.offNone')
          : t('board.shift.offNext', { time: f.weekdayTime(shift.next) });
  // When this console last saw them on a ticket: a hint beside the presence routing reads.
  const seenText =
    seen.state === 'seen' && seen.lastSeenAt !== null
      ? t('board.presence.seen', { time: f.relative(seen.lastSeenAt, now) })
      : t(seen.state === 'online' ? 'board.presence.online' : 'board.presence.unknown');
  return (
    <tr>
      <th scope="row">
        <span className="workload-agent">
          <span className="truncate">{agent.user.name}</span>
          <span className="muted workload-role">
            {l.role(agent.user.role)} ·{' '}
            <span className={`presence-picker presence-is-${presence}`} title={t('board.presence.lastSeen', { seen: seenText })}>
              <span className="presence-dot" aria-hidden="true" /> {t(`agentPresence.${presence}`)}
            </span>{' '}
            · {shiftText}
            <span className="visually-hidden"> · {t('board.presence.lastSeen', { seen: seenText })}</span>
          </span>
        </span>
      </th>
      <td>
        <FigureButton
          value={held}
          what={`${agent.user.name}, ${t('board.load')}`}
          title={t('board.figure.agent', { name: agent.user.name, what: t('board.load') })}
          figure={{ scope: 'agent', userId: agent.user.id, measure: 'held' }}
          onOpen={onOpen}
          tone={over ? 'danger' : undefined}
          text={agent.capacity === null ? t('board.noCapacity', { held }) : t('board.loadValue', { held, capacity: agent.capacity })}
        />
        {over && <span className="over-capacity"> · {t('board.overCapacity')}</span>}
      </td>
      {cell('new_open', t('board.newOpen'), agent.newOpen)}
      {cell('pending', t('board.pending'), agent.pending)}
      {cell('on_hold', t('board.onHold'), agent.onHold)}
      <td>
        {agent.oldestUnansweredSince === null ? (
          <span className="muted">{t('board.noneWaiting')}</span>
        ) : (
          <FigureButton
            value={agent.unanswered}
            what={`${agent.user.name}, ${t('board.oldestUnanswered')}`}
            title={t('board.figure.agent', { name: agent.user.name, what: t('board.oldestUnanswered') })}
            figure={{ scope: 'agent', userId: agent.user.id, measure: 'unanswered' }}
            onOpen={onOpen}
            tone="warn"
            text={t('board.waiting', { count: agent.unanswered, age: f.duration(now - agent.oldestUnansweredSince) })}
          />
        )}
      </td>
      {cell('at_risk', t('board.atRisk'), agent.atRisk, 'warn')}
      {cell('breached', t('board.breached'), agent.breached, 'danger')}
    </tr>
  );
}

function Teams({ data, onOpen }: { data: BoardWorkload; onOpen(chosen: ChosenFigure): void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="board-teams">
      <h2 className="board-section-title" id="board-teams">
        {t('board.teams')}
      </h2>
      <div className="board-teams">
        {data.teams.map((team) => (
          <TeamPanel key={team.team.id} team={team} onOpen={onOpen} />
        ))}
      </div>
    </section>
  );
}

function TeamPanel({ team, onOpen }: { team: BoardTeam; onOpen(chosen: ChosenFigure): void }) {
  const { t, l } = useI18n();
  const figure = (measure: TeamMeasure, label: string, value: number, tone?: 'warn' | 'danger') => (
    <FigureButton
      value={value}
      what={`${team.team.name}, ${label}`}
      title={t('board.figure.team', { team: team.team.name, what: label })}
      figure={{ scope: 'team', teamId: team.team.id, measure }}
      onOpen={onOpen}
      tone={tone}
    />
  );
  const row = (label: string, button: ReactNode) => (
    <div className="board-stat" key={label}>
      <dt>{label}</dt>
      <dd>{button}</dd>
    </div>
  );
  return (
    <section className="panel" aria-label={team.team.name}>
      <h3 className="panel-title">{team.team.name}</h3>
      <dl className="board-stats">
        {row(t('board.backlog'), figure({ kind: 'backlog' }, t('board.backlog'), team.backlog))}
        {row(t('board.unassigned'), figure({ kind: 'unassigned' }, t('board.unassigned'), team.unassigned, 'warn'))}
        {row(t('board.unattended'), figure({ kind: 'unattended' }, t('board.unattended'), team.unattended, 'warn'))}
        {row(t('board.atRisk'), figure({ kind: 'at_risk' }, t('board.atRisk'), team.atRisk, 'warn'))}
        {row(t('board.breached'), figure({ kind: 'breached' }, t('board.breached'), team.breached, 'danger'))}
      </dl>
      <h4 className="board-subtitle">{t('board.byStatus')}</h4>
      <dl className="board-stats">
        {UnsolvedStatus.options.map((status) =>
          row(l.status(status), figure({ kind: 'status', status }, l.status(status), team.byStatus[status])),
        )}
      </dl>
      <h4 className="board-subtitle">{t('board.byPriority')}</h4>
      <dl className="board-stats">
        {TICKET_PRIORITIES.map((priority) =>
          row(l.priority(priority), figure({ kind: 'priority', priority }, l.priority(priority), team.byPriority[priority])),
        )}
      </dl>
      <h4 className="board-subtitle">{t('board.byAge')}</h4>
      <dl className="board-stats">
        {BACKLOG_BUCKETS.map((bucket) =>
          row(t(`backlog.${bucket}`), figure({ kind: 'age', bucket }, t(`backlog.${bucket}`), team.byAge[bucket])),
        )}
      </dl>
    </section>
  );
}
