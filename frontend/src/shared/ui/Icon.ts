import type { ComponentType } from 'react';

/** A Heroicons component: it renders aria-hidden, so whatever shows it must carry the name. */
export type Icon = ComponentType<{ className?: string }>;

export const iconSizeClass = { md: 'size-5', sm: 'size-4' } as const;
