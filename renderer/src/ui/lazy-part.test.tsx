import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPart } from './lazy-part.tsx';

/** A part whose code arrives when the test says so, as a chunk over a slow link would. */
function slowPart() {
  let arrive!: () => void;
  let asked = 0;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  function Counter({ label }: { label: string }) {
    const [count, setCount] = useState(0);
    return (
      <button type="button" onClick={() => setCount(count + 1)}>
        {label} {count}
      </button>
    );
  }
  const Part = lazyPart(async () => {
    asked++;
    await arrived;
    return Counter;
  });
  return { Part, arrive: () => act(async () => arrive()), asked: () => asked };
}

describe('a part loaded when first shown', () => {
  it('shows nothing until its code arrives, then the part, which keeps its state as it re-renders', async () => {
    const user = userEvent.setup();
    const { Part, arrive } = slowPart();
    const { rerender } = render(<Part label="Clicks" />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();

    await arrive();
    const button = await screen.findByRole('button', { name: 'Clicks 0' });
    await user.click(button);
    rerender(<Part label="Taps" />);
    // The same element, counted on: the part was not mounted afresh once its code was there.
    expect(screen.getByRole('button', { name: 'Taps 1' })).toBe(button);
  });

  it('renders at once when warmed beforehand, and asks for its code once', async () => {
    const { Part, arrive, asked } = slowPart();
    Part.warm();
    Part.warm();
    await arrive();
    render(<Part label="Ready" />);
    expect(screen.getByRole('button', { name: 'Ready 0' })).toBeInTheDocument();
    expect(asked()).toBe(1);
  });

  it('asks for its code again after a failed load', async () => {
    let attempts = 0;
    const Part = lazyPart(async () => {
      attempts++;
      if (attempts === 1) throw new Error('chunk missing');
      return () => <p>Loaded</p>;
    });
    Part.warm();
    await act(async () => {});
    render(<Part />);
    expect(await screen.findByText('Loaded')).toBeInTheDocument();
    expect(attempts).toBe(2);
  });
});
