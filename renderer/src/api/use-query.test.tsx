import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApi } from '../../test/fake-api.ts';
import { ApiProvider } from './context.tsx';
import { useQuery } from './use-query.ts';

function TeamCount() {
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  return <p>{directory.status === 'ready' ? `${directory.data.teams.length} teams` : 'loading'}</p>;
}

const directoryCalls = (fake: FakeApi) => fake.calls.filter((c) => c.channel === 'directory.get').length;

describe('useQuery', () => {
  it('asks Core once for what several components show at once, and not again until it changes', async () => {
    const fake = createFakeApi();
    const shown = (panels: number) => (
      <ApiProvider api={fake.api}>
        {Array.from({ length: panels }, (_, i) => (
          <TeamCount key={i} />
        ))}
      </ApiProvider>
    );
    const view = render(shown(3));
    expect(await screen.findAllByText(/^\d+ teams$/)).toHaveLength(3);
    expect(directoryCalls(fake)).toBe(1);

    // Shown again later (another page, a dialog): the answer kept is still good.
    view.rerender(shown(0));
    view.rerender(shown(2));
    expect(screen.getAllByText(/^\d+ teams$/)).toHaveLength(2);
    expect(directoryCalls(fake)).toBe(1);

    // Core says teams changed: read again, once.
    act(() => fake.emit('data.changed', { entity: 'team', ids: [] }));
    await act(() => Promise.resolve());
    expect(directoryCalls(fake)).toBe(2);
    view.rerender(shown(3));
    expect(directoryCalls(fake)).toBe(2);

    // A change to something else leaves it alone.
    act(() => fake.emit('data.changed', { entity: 'article', ids: [] }));
    view.rerender(shown(1));
    await act(() => Promise.resolve());
    expect(directoryCalls(fake)).toBe(2);
  });
});
