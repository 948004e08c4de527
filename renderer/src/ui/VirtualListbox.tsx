/**
 * A virtualized, keyboard-operable listbox: only the rows on screen are in the DOM, the selected
 * row is announced through aria-activedescendant and scrolled into view, and the owner learns
 * which rows are visible so it can page data in and out. It is its page's keyboard home: it takes
 * the focus after a navigation to the page (shell/navigation-focus.ts).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useNavigationFocus } from '../shell/navigation-focus.ts';

export interface VirtualListboxProps<Row> {
  label: string;
  idPrefix: string;
  count: number;
  hasMore: boolean;
  rowHeight: number;
  rowAt(index: number): Row | undefined;
  rowKey(row: Row): string;
  renderRow(row: Row, index: number): ReactNode;
  /** Shown in place of a row not loaded yet (the end of the list, or a page being fetched again). */
  placeholder: string;
  selected: number;
  onSelect(index: number): void;
  onOpen(index: number): void;
  onRange(start: number, end: number): void;
  /** For lists whose rows can be ticked for a bulk action: a row's ticked state, exposed as aria-checked. */
  isChecked?(row: Row, index: number): boolean;
}

export function VirtualListbox<Row>(props: VirtualListboxProps<Row>) {
  const { count, hasMore, rowHeight, rowAt, selected, onSelect, onOpen, onRange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  useNavigationFocus(scrollRef);
  const total = count + (hasMore ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // React 19 warns about flushSync during render; plain state updates keep scrolling smooth.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => onRange(first, last), [first, last, onRange]);
  // Bring the selection into view when it moves, not when pages arrive (that would yank the list
  // back while the person scrolls with the mouse).
  // A list opens at its top, where the first row already is: scrolling "to" it would only force a
  // layout before the first paint.
  const scrolledTo = useRef(selected === 0 ? 0 : -1);
  useEffect(() => {
    if (selected === scrolledTo.current || selected < 0 || selected >= total) return;
    scrolledTo.current = selected;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, total, virtualizer]);

  const move = (to: number) => onSelect(Math.max(0, Math.min(count - 1, to)));
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      ArrowUp: () => move(selected - 1),
      PageDown: () => move(selected + page),
      PageUp: () => move(selected - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => selected >= 0 && onOpen(selected),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const activeRow = selected >= 0 ? rowAt(selected) : undefined;
  return (
    <div
      ref={scrollRef}
      className="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={activeRow ? `${props.idPrefix}-${props.rowKey(activeRow)}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="vlist-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const position = { height: item.size, transform: `translateY(${item.start}px)` };
          if (!row) {
            return (
              <div key={`placeholder-${item.index}`} className="vlist-row vlist-placeholder" style={position} aria-hidden="true">
                {props.placeholder}
              </div>
            );
          }
          return (
            <div
              key={props.rowKey(row)}
              id={`${props.idPrefix}-${props.rowKey(row)}`}
              className="vlist-row"
              role="option"
              aria-selected={item.index === selected}
              aria-checked={props.isChecked?.(row, item.index)}
              aria-posinset={item.index + 1}
              aria-setsize={hasMore ? -1 : count}
              style={position}
              onClick={() => {
                onSelect(item.index);
                onOpen(item.index);
              }}
            >
              {props.renderRow(row, item.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
