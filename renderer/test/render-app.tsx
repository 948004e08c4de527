import { render } from '@testing-library/react';
import { App } from '../src/App.tsx';
import { createFakeApi, type FakeApi } from './fake-api.ts';

/** Renders the whole console at `hash` over a fake Api. */
export function renderApp(hash: string, fake: FakeApi = createFakeApi()) {
  window.location.hash = hash;
  const view = render(<App api={fake.api} />);
  return { ...view, fake };
}
