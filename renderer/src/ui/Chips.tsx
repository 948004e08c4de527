import type { TicketPriority, TicketStatus } from '../../../shared/domain/enums.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export function StatusChip({ status }: { status: TicketStatus }) {
  const { l } = useI18n();
  return <span className={`chip chip-status-${status}`}>{l.status(status)}</span>;
}

/** Priority as a label with a graded marker, so it reads without relying on colour alone. */
export function PriorityLabel({ priority }: { priority: TicketPriority }) {
  const { l } = useI18n();
  return (
    <span className={`priority priority-${priority}`}>
      <span className="priority-marker" aria-hidden="true" />
      {l.priority(priority)}
    </span>
  );
}

export function Tags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags">
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
