import { Suspense, useEffect } from 'react';
import { Outlet, useLocation, useMatch } from 'react-router-dom';
import { selectCurrentUser, useSessionStore } from '../features/auth';
import { loadChats, useChatsStore } from '../features/chats';
import { preloadTimelines } from '../features/messages';
import { useSearchShortcut } from '../features/search';
import { startRealtime, stopRealtime } from '../shared/realtime/dispatch';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary';
import { LoadingScreen } from '../shared/ui/LoadingScreen';
import { Toaster } from '../shared/ui/Toaster';
import { ConnectionBanner } from './ConnectionBanner';
import { resetSignedInState } from './resetSignedInState';
import { Sidebar } from './Sidebar';
import { useChatSwitchShortcut } from './useChatSwitchShortcut';

/**
 * Sidebar and main pane side by side; on a phone, the chat list alone at /chats and the main pane elsewhere. Each
 * pane has its own error boundary, so a crash in one leaves the other working.
 */
/** How many chats from the top of the list have their newest messages fetched before they are opened. */
const PRELOADED_CHATS = 20;

export function AppLayout() {
  const userId = useSessionStore(selectCurrentUser)?.id;
  const showingChatList = useMatch('/chats') !== null;
  const { pathname } = useLocation();
  useSearchShortcut();
  useChatSwitchShortcut();

  useEffect(() => {
    if (!userId) return;
    startRealtime();
    // A failure shows in the chat list, which offers to try again.
    loadChats()
      .then(() =>
        preloadTimelines(
          useChatsStore
            .getState()
            .chats.slice(0, PRELOADED_CHATS)
            .map((chat) => chat.id),
        ),
      )
      .catch(() => undefined);
    return () => {
      stopRealtime();
      resetSignedInState();
    };
  }, [userId]);

  return (
    <div className="flex h-dvh flex-col bg-surface text-fg">
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <aside
          aria-label="Chats and navigation"
          className={`w-full flex-col border-r border-border md:flex md:w-80 md:shrink-0 ${showingChatList ? 'flex' : 'hidden'}`}
        >
          <ErrorBoundary>
            <Sidebar />
          </ErrorBoundary>
        </aside>
        <main className={`min-w-0 flex-1 flex-col md:flex ${showingChatList ? 'hidden' : 'flex'}`}>
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<LoadingScreen fill="pane" />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
      <Toaster />
    </div>
  );
}
