import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { fakeApi } from './fakeApi';

beforeEach(() => {
  // No test reaches a real network: anything a test did not route answers 404.
  fakeApi({});
});

afterEach(async () => {
  cleanup();
  // Imported here rather than at the top, so that a test file's vi.mock applies to the app code.
  const [{ resetSignedInState }, { useSessionStore }] = await Promise.all([
    import('../app/resetSignedInState'),
    import('../features/auth'),
  ]);
  resetSignedInState();
  useSessionStore.setState({ status: 'restoring', user: null, accessToken: null, signOutReason: null });
});
