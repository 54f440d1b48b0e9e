export function LoadingScreen() {
  return (
    <div role="status" className="flex h-dvh items-center justify-center text-slate-500">
      Loading…
    </div>
  );
}
