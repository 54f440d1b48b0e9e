import { Navigate, type RouteObject } from 'react-router-dom';
import { LoginPage, RegisterPage, RequireNoSession, RequireSession } from '../features/auth';
import { ContactsPage } from '../features/contacts';
import { UserProfilePage } from '../features/profile';
import { SearchPage } from '../features/search';
import { ProfileSettingsPage } from '../features/settings';
import { AppLayout } from './AppLayout';
import { ChatRoute } from './ChatRoute';
import { ChatsHome } from './ChatsHome';

export const routes: RouteObject[] = [
  {
    element: <RequireNoSession />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { path: '/', element: <Navigate to="/chats" replace /> },
          { path: '/chats', element: <ChatsHome /> },
          { path: '/chats/:chatId', element: <ChatRoute /> },
          { path: '/chats/:chatId/messages/:messageId', element: <ChatRoute /> },
          { path: '/contacts', element: <ContactsPage /> },
          { path: '/search', element: <SearchPage /> },
          { path: '/users/:userId', element: <UserProfilePage /> },
          { path: '/settings/profile', element: <ProfileSettingsPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <Navigate to="/chats" replace /> },
];
