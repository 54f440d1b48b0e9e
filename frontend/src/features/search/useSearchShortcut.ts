import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

const isSearchShortcut = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';

/**
 * Ctrl+K (Cmd+K on a Mac) opens the search from anywhere, instead of the browser's own search box. On the search
 * page already, it keeps the query and brings the focus back to the box.
 */
export function useSearchShortcut(): void {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const onSearchPage = pathname === '/search';

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      void navigate({ pathname: '/search', search: onSearchPage ? search : '' }, { replace: onSearchPage });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, onSearchPage, search]);
}
