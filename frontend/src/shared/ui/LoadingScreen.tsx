interface LoadingScreenProps {
  /** The whole window before the app shows, or only the pane whose page is still loading. */
  fill?: 'screen' | 'pane';
}

export function LoadingScreen({ fill = 'screen' }: LoadingScreenProps) {
  return (
    <div
      role="status"
      className={`flex items-center justify-center text-fg-muted ${fill === 'screen' ? 'h-dvh' : 'h-full'}`}
    >
      Loading…
    </div>
  );
}
