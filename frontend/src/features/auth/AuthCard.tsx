import type { ReactNode } from 'react';

interface AuthCardProps {
  title: string;
  children: ReactNode;
  footer: ReactNode;
}

export function AuthCard({ title, children, footer }: AuthCardProps) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-surface-muted px-4 py-8">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-2xl font-bold text-fg-accent">1000-Messenger</p>
        <section className="card p-6" aria-labelledby="auth-title">
          <h1 id="auth-title" className="mb-4 text-xl font-semibold text-fg">
            {title}
          </h1>
          {children}
        </section>
        <p className="mt-4 text-center text-sm text-fg-muted">{footer}</p>
      </div>
    </main>
  );
}
