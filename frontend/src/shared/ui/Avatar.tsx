interface AvatarProps {
  name: string;
  url: string | null;
}

/** Decorative: the name is always written next to it. */
export function Avatar({ name, url }: AvatarProps) {
  if (url) return <img src={url} alt="" className="size-9 shrink-0 rounded-full object-cover" />;
  return (
    <span
      aria-hidden="true"
      className="flex size-9 shrink-0 items-center justify-center rounded-full bg-blue-100 text-sm font-semibold text-blue-800 uppercase"
    >
      {name.trim().charAt(0) || '?'}
    </span>
  );
}
