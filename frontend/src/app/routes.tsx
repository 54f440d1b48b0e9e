import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { LoginPage, RegisterPage, RequireNoSession, RequireSession, ResetPasswordPage } from '../features/auth';
import { LoadingScreen } from '../shared/ui/LoadingScreen';
import { ChatsHome } from './ChatsHome';

/**
 * A named export loaded on first use, so a visitor who only signs in never downloads the rest of the app. Once
 * `preload` has fetched it, it renders at once instead of suspending for a tick.
 */
function lazyNamed<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  let loaded: ComponentType | undefined;
  const preload = async () => {
    loaded ??= (await load())[name];
    return { default: loaded };
  };
  const Suspending = lazy(preload);
  function LazyComponent() {
    return loaded ? createElement(loaded) : <Suspending />;
  }
  return Object.assign(LazyComponent, { preload });
}

const AppLayout = lazyNamed(() => import('./AppLayout'), 'AppLayout');
const ChatRoute = lazyNamed(() => import('./ChatRoute'), 'ChatRoute');
const ContactsPage = lazyNamed(() => import('../features/contacts'), 'ContactsPage');
const SearchPage = lazyNamed(() => import('../features/search'), 'SearchPage');
const BrowseGroupsPage = lazyNamed(() => import('../features/groups'), 'BrowseGroupsPage');
const UserProfilePage = lazyNamed(() => import('../features/profile'), 'UserProfilePage');
const ProfileSettingsPage = lazyNamed(() => import('../features/settings'), 'ProfileSettingsPage');
const AdminArea = lazyNamed(() => import('../features/admin'), 'AdminArea');
const PeoplePage = lazyNamed(() => import('../features/admin'), 'PeoplePage');
const RegistrationPage = lazyNamed(() => import('../features/admin'), 'RegistrationPage');
const AuditPage = lazyNamed(() => import('../features/admin'), 'AuditPage');

/**
 * Fetches the code of every signed-in page ahead of its first use, the first needed first. One after the other,
 * not all at once: under Node 20 (the unit tests) parallel imports that reach react-router-dom race its
 * require() of an ES module and fail whole test files (nodejs/node#55782); in the browser the chunks are small.
 */
export async function preloadSignedInPages(): Promise<void> {
  for (const page of [
    AppLayout,
    ChatRoute,
    ContactsPage,
    SearchPage,
    BrowseGroupsPage,
    UserProfilePage,
    ProfileSettingsPage,
  ]) {
    await page.preload();
  }
}

export const routes: RouteObject[] = [
  {
    element: <RequireNoSession />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
    ],
  },
  // Whoever holds a reset link may use it, signed in (as anyone) or not.
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: (
          <Suspense fallback={<LoadingScreen />}>
            <AppLayout />
          </Suspense>
        ),
        // AppLayout suspends each page inside its main pane, so the chat list stays while a page loads.
        children: [
          { path: '/', element: <Navigate to="/chats" replace /> },
          { path: '/chats', element: <ChatsHome /> },
          { path: '/chats/:chatId', element: <ChatRoute /> },
          { path: '/chats/:chatId/messages/:messageId', element: <ChatRoute /> },
          { path: '/contacts', element: <ContactsPage /> },
          { path: '/search', element: <SearchPage /> },
          { path: '/groups', element: <BrowseGroupsPage /> },
          { path: '/users/:userId', element: <UserProfilePage /> },
          { path: '/settings/profile', element: <ProfileSettingsPage /> },
          {
            path: '/admin',
            element: <AdminArea />,
            children: [
              { index: true, element: <Navigate to="/admin/people" replace /> },
              { path: 'people', element: <PeoplePage /> },
              { path: 'registration', element: <RegistrationPage /> },
              { path: 'audit', element: <AuditPage /> },
            ],
          },
        ],
      },
    ],
  },
  { path: '*', element: <Navigate to="/chats" replace /> },
];
