import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeApi } from './fakeApi';
import type * as ReactVirtuoso from 'react-virtuoso';

// jsdom has no object URLs: the authenticated images need them to show fetched bytes.
let objectUrls = 0;
URL.createObjectURL ??= () => `blob:test/${++objectUrls}`;
URL.revokeObjectURL ??= () => undefined;

beforeEach(() => {
  // Test files share one jsdom window per worker (vitest.config.ts), so nothing a test stored outlives it.
  localStorage.clear();
  sessionStorage.clear();
  // No test reaches a real network: anything a test did not route answers 404.
  fakeApi({});
});

afterEach(async () => {
  cleanup();
  // Imported here rather than at the top, so that a test file's vi.mock applies to the app code. One after the
  // other, not in Promise.all: both reach react-router-dom, whose CommonJS build require()s the ES module
  // react-router, and on Node 20 a require() of an ES module that a parallel import() is still linking throws
  // "Cannot read properties of undefined (reading 'getStatus')" (nodejs/node#55782), failing whole files.
  const { resetSignedInState } = await import('../app/resetSignedInState');
  const { useSessionStore } = await import('../features/auth');
  resetSignedInState();
  useSessionStore.setState({ status: 'restoring', user: null, accessToken: null, signOutReason: null });
});

// No test reaches a real server either: the app's sockets are FakeSockets that the test drives.
vi.mock('socket.io-client', async () => (await import('./fakeSocket')).socketIo);

// jsdom lays nothing out, so Virtuoso would measure a zero-height viewport and render no rows. Its own test
// context gives every row and the viewport a fixed size instead. jsdom cannot scroll either, and Virtuoso keeps
// the list hidden until the initial scroll position is reached, so that one prop is left out; the list
// otherwise runs as in the browser.
vi.mock('react-virtuoso', async (importOriginal) => {
  const virtuoso = await importOriginal<typeof ReactVirtuoso>();
  const { createElement, forwardRef } = await import('react');
  const Virtuoso = forwardRef<ReactVirtuoso.VirtuosoHandle, object>(function MeasuredVirtuoso(props, ref) {
    return createElement(
      virtuoso.VirtuosoMockContext.Provider,
      { value: { viewportHeight: 100_000, itemHeight: 40 } },
      createElement(virtuoso.Virtuoso, { ...props, initialTopMostItemIndex: undefined, ref }),
    );
  });
  return { ...virtuoso, Virtuoso };
});
