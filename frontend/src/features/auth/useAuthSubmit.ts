import type { FormEvent } from 'react';
import type { ErrorExplanations } from '../../shared/api/errors';
import type { AuthResponse } from '@messenger/contract';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { useSessionStore } from './sessionStore';

/**
 * Submits a sign-in or sign-up form. On success the session starts and the route guard takes the user into the
 * app; on failure the form keeps the explanation of an expected error code, or else the server's message.
 */
export function useAuthSubmit(
  authenticate: (form: FormData) => Promise<AuthResponse>,
  explanations?: ErrorExplanations,
) {
  const signedIn = useSessionStore((state) => state.signedIn);
  const { run, pending, error } = useAsyncAction(explanations);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(async () => {
      const { user, accessToken } = await authenticate(form);
      signedIn(user, accessToken);
    });
  }

  return { error, submitting: pending, handleSubmit };
}

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
