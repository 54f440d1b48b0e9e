import { useEffect, useState } from 'react';
import type { RegistrationMode } from '@messenger/contract';
import { fetchRegistrationMode } from './authApi';

/**
 * Who may register here, asked once on opening the page; null until the server has answered. When it cannot be
 * asked the page offers the plain form: the registration itself then says what it needs. `learned` records what a
 * refused registration revealed (the mode changed since the page opened).
 */
export function useRegistrationMode() {
  const [mode, setMode] = useState<RegistrationMode | null>(null);

  useEffect(() => {
    let current = true;
    void fetchRegistrationMode()
      .catch((): RegistrationMode => 'open')
      .then((fetched) => {
        if (current) setMode(fetched);
      });
    return () => {
      current = false;
    };
  }, []);

  return { mode, learned: setMode };
}
