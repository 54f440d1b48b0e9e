import { useId, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  children: ReactNode;
}

export function Section({ title, children }: SectionProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="card p-4">
      <h2 id={headingId} className="mb-2 text-base font-semibold text-fg">
        {title}
      </h2>
      {children}
    </section>
  );
}
