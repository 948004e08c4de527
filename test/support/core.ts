/**
 * A real Core on a fresh temporary database filled with the demo data, for the contract suite and
 * the end-to-end test, plus ids of real records (`fixtures`) found through the contract itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, seedDemo, type Core } from '../../electron/core/index.ts';
import type { Dispatch } from '../../shared/contract/dispatch.ts';
import type { Result } from '../../shared/contract/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { AppInfoTransport } from '../../electron/core/types.ts';
import type { Fixtures } from '../contract/cases.ts';

export interface SeededCore {
  core: Core;
  fixtures: Fixtures;
  close(): void;
}

async function value<T>(dispatch: Dispatch, channel: string, input: unknown): Promise<T> {
  const result = (await dispatch(channel, input)) as Result<T>;
  if (!result.ok) throw new Error(`${channel} failed while preparing the test data: ${result.error.code} ${result.error.message}`);
  return result.value;
}

type Page = { rows: { id: string }[] };

/** Ids of real records, chosen through the same calls the renderer makes. */
export async function findFixtures(dispatch: Dispatch): Promise<Fixtures> {
  // A ticket of the demo person's own queue: visible to them and still open, so mutations may change it.
  const tickets = await value<Page>(dispatch, 'tickets.list', { view: 'mine', limit: 1 });
  const accounts = await value<Page>(dispatch, 'accounts.list', { limit: 1 });
  const articles = await value<Page>(dispatch, 'articles.list', { limit: 1 });
  const ticketId = tickets.rows[0]?.id;
  const accountId = accounts.rows[0]?.id;
  const articleId = articles.rows[0]?.id;
  if (!ticketId || !accountId || !articleId) throw new Error('the demo data has no tickets, accounts or articles');
  const detail = await value<{ requester: { id: string } }>(dispatch, 'tickets.get', { id: ticketId });
  const { macros } = await value<{ macros: { id: string }[] }>(dispatch, 'macros.list', {});
  const macroId = macros[0]?.id;
  if (!macroId) throw new Error('the demo data has no macros');
  return { ticketId, accountId, articleId, macroId, contactId: detail.requester.id, missingId: uuidv7() };
}

/** Opens Core on a new temporary database seeded with `tickets` demo tickets; close() removes it. */
export async function openSeededCore({
  tickets,
  seed = 7,
  transport = 'direct',
}: {
  tickets: number;
  seed?: number;
  /** What app.info reports: 'web' when the web host serves this Core. */
  transport?: AppInfoTransport;
}): Promise<SeededCore> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  const core = openCore({ databasePath: join(dir, 'switchboard.db'), transport, appVersion: '0.0.0-test' });
  try {
    seedDemo(core, { tickets, seed });
    const fixtures = await findFixtures(core.dispatch);
    return {
      core,
      fixtures,
      close() {
        core.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    core.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
