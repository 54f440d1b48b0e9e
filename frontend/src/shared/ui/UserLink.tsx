import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { userProfilePath } from '../lib/paths';

interface UserLinkProps {
  userId: string;
  className?: string;
  /** The name, and the avatar where one is shown. */
  children: ReactNode;
}

/** Wherever someone's name or avatar shows, it leads to their profile. */
export function UserLink({ userId, className = '', children }: UserLinkProps) {
  return (
    <Link to={userProfilePath(userId)} className={`rounded-sm ${className}`}>
      {children}
    </Link>
  );
}
