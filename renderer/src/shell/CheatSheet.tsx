/**
 * The "?" cheat sheet: every keyboard shortcut, grouped by where it works. The inbox and ticket
 * groups come from the lists those pages bind (features/inbox/shortcuts.ts,
 * features/ticket/shortcuts.ts), so the sheet cannot drift from what the keys do.
 */
import { useEffect, useState } from 'react';
import { INBOX_SHORTCUTS } from '../features/inbox/shortcuts.ts';
import { NEXT_TICKET_KEY } from '../features/routing/NextTicket.tsx';
import { ACCOUNT_MANAGER_SHORTCUTS } from '../features/tasks/shortcuts.ts';
import { TICKET_SHORTCUTS } from '../features/ticket/shortcuts.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { isBareShortcut } from '../ui/keyboard.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const GLOBAL_SHORTCUTS: readonly { keys: string; label: MessageKey }[] = [
  { keys: '/', label: 'shortcut.global.search' },
  { keys: 'Mod+K', label: 'shortcut.global.palette' },
  { keys: '?', label: 'shortcut.global.cheatSheet' },
  { keys: 'C', label: 'shortcut.global.newTicket' },
  { keys: 'Z', label: 'shortcut.global.undo' },
  { keys: NEXT_TICKET_KEY.toUpperCase(), label: 'shortcut.global.nextTicket' },
];

interface Group {
  title: MessageKey;
  shortcuts: readonly { keys: string; label: MessageKey }[];
}

export const SHORTCUT_GROUPS: readonly Group[] = [
  { title: 'shortcut.group.global', shortcuts: GLOBAL_SHORTCUTS },
  { title: 'shortcut.group.inbox', shortcuts: INBOX_SHORTCUTS },
  { title: 'shortcut.group.ticket', shortcuts: TICKET_SHORTCUTS.map((s) => ({ keys: s.key.toUpperCase(), label: s.label })) },
  { title: 'shortcut.group.accountManager', shortcuts: ACCOUNT_MANAGER_SHORTCUTS },
];

/** "Mod+K" as this platform prints it: ⌘ K on a Mac, Ctrl K elsewhere. */
function keyCaps(keys: string): string[] {
  return keys.split('+').map((k) => (k === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : k));
}

/** Opens on "?" when the person is not typing; Esc or the close button closes it. */
export function CheatSheet() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || !isBareShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!open) return null;
  return (
    <Dialog title={t('shortcut.title')} onClose={() => setOpen(false)} className="cheat-sheet">
      <div className="cheat-sheet-groups">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title} aria-labelledby={`cheat-${group.title}`}>
            <h3 id={`cheat-${group.title}`}>{t(group.title)}</h3>
            <dl className="cheat-sheet-list">
              {group.shortcuts.map((s) => (
                <div key={s.keys} className="cheat-sheet-row">
                  <dt>
                    {keyCaps(s.keys).map((k, i) => (
                      <kbd key={i}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{t(s.label)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
