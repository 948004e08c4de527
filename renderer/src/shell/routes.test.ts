import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from './features.ts';
import { formatHash, installFeatures, parseHash, sectionOf } from './routes.ts';

const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const home = { name: 'inbox', view: 'mine' };

beforeAll(() => installFeatures(FEATURES));

describe('hash routes assembled from the features', () => {
  it('read and write back every address the console has', () => {
    const addresses = [
      '#/inbox/mine',
      '#/inbox/sla_at_risk',
      `#/inbox/view/${id}`,
      `#/tickets/${id}`,
      '#/accounts',
      `#/accounts/${id}`,
      `#/contacts/${id}`,
      '#/dashboard',
      '#/board',
      '#/escalations',
      '#/knowledge',
      `#/knowledge/${id}`,
      '#/macros',
      '#/settings',
    ];
    for (const address of addresses) expect(formatHash(parseHash(address)), address).toBe(address);
  });

  it('send an address they do not know to the home queue, and a list address with a bad id to its list', () => {
    for (const unknown of [
      '',
      '#/',
      '#/nowhere',
      '#/inbox/nope',
      '#/inbox/view/x',
      `#/inbox/view/${id}/more`,
      '#/tickets/42',
      '#/contacts',
      '#/dashboard/a/b',
    ])
      expect(parseHash(unknown), unknown).toEqual(home);
    expect(parseHash('#/accounts/42')).toEqual({ name: 'accounts' });
    expect(parseHash('#/knowledge/42')).toEqual({ name: 'knowledge' });
    expect(parseHash('#/settings/anything')).toEqual({ name: 'settings' });
  });

  it('light the sidebar entry of the feature a page belongs to (a ticket lights the inbox)', () => {
    expect(sectionOf({ name: 'ticket', id })).toBe('inbox');
    expect(sectionOf({ name: 'savedView', id })).toBe('inbox');
    expect(sectionOf({ name: 'contact', id })).toBe('accounts');
    expect(sectionOf({ name: 'article', id })).toBe('knowledge');
  });
});
