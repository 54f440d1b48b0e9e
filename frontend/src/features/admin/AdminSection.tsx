import { useId, type ReactNode } from 'react';

interface AdminSectionProps {
  title: string;
  /** A line under the title saying what the section is for. */
  description?: string;
  children: ReactNode;
}

/** A card of the Admin area, named by its heading. */
export function AdminSection({ title, description, children }: AdminSectionProps) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 card p-4 sm:p-6">
      <h2 id={titleId} className="text-base font-semibold text-fg">
        {title}
      </h2>
      {description && <p className="text-sm text-fg-muted">{description}</p>}
      {children}
    </section>
  );
}
