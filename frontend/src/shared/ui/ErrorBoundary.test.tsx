import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

let broken = true;
function Fragile() {
  if (broken) throw new Error('boom');
  return <p>All good</p>;
}

describe('ErrorBoundary', () => {
  it('shows a friendly fallback, logs the error, and renders again on "Try again"', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );

    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong in this part of the app.');
    expect(screen.queryByText('All good')).not.toBeInTheDocument();
    expect(console.error).toHaveBeenCalledWith(
      'A part of the app crashed:',
      expect.objectContaining({ message: 'boom' }),
      expect.any(String),
    );

    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(screen.getByText('All good')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('starts afresh when its reset key changes', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    broken = true;
    const { rerender } = render(
      <ErrorBoundary resetKey="/contacts">
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();

    broken = false;
    rerender(
      <ErrorBoundary resetKey="/search">
        <Fragile />
      </ErrorBoundary>,
    );

    expect(screen.getByText('All good')).toBeInTheDocument();
  });
});
