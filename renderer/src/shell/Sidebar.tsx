/**
 * The main navigation, assembled from the features' nav entries (shell/features.ts) in their order:
 * the main list, the bottom list (settings), and the signed-in person at the bottom.
 */
import { useI18n } from '../i18n/use-i18n.ts';
import { useSession } from '../session/SessionGate.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import type { Feature, NavEntry, RouteShape } from './feature.ts';
import { FEATURES } from './features.ts';
import { useRouter } from './router.ts';
import { navFor } from './role-home.ts';
import { formatHash, sectionOf, type Route } from './routes.ts';

type Placed = { section: string; entry: NavEntry<RouteShape> };

const entries: Placed[] = (FEATURES as readonly Feature[])
  .flatMap((feature) => (feature.nav ? [{ section: feature.section, entry: feature.nav }] : []))
  .sort((a, b) => a.entry.order - b.entry.order);
const placementOf = ({ entry }: Placed) => ('Item' in entry ? 'main' : entry.placement);
const MAIN = entries.filter((e) => placementOf(e) === 'main');
const BOTTOM = entries.filter((e) => placementOf(e) === 'bottom');

export function Sidebar() {
  const { t } = useI18n();
  const section = sectionOf(useRouter((s) => s.route));
  const role = useSession().user?.role ?? null;
  const shown = (placed: Placed[]) => placed.filter(({ entry }) => navFor(entry.roles, role));

  return (
    <nav className="sidebar" aria-label={t('app.primaryNav')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </div>
      <NavList className="nav-list" entries={shown(MAIN)} current={section} />
      <NavList className="nav-list nav-bottom" entries={shown(BOTTOM)} current={section} />
      <AccountMenu />
    </nav>
  );
}

function NavList({ className, entries, current }: { className: string; entries: Placed[]; current: string }) {
  const { t } = useI18n();
  return (
    <ul className={className}>
      {entries.map(({ section, entry }) => (
        <li key={section}>
          {'Item' in entry ? (
            <entry.Item active={section === current} />
          ) : (
            <a
              className="nav-link"
              // A feature's nav entry leads to one of its own routes (Feature<R> types it so).
              href={formatHash(entry.to as Route)}
              aria-current={section === current ? 'page' : undefined}
              data-active={section === current}
            >
              {t(entry.label)}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
