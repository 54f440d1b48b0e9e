import { useAuthenticatedImage } from '../api/useAuthenticatedImage';

interface AvatarProps {
  name: string;
  url: string | null;
}

/** Decorative: the name is always written next to it. The initial shows until (or unless) the image loads. */
export function Avatar({ name, url }: AvatarProps) {
  const image = useAuthenticatedImage(url);
  if (image.status === 'loaded') {
    return <img src={image.src} alt="" className="size-9 shrink-0 rounded-full object-cover" />;
  }
  return (
    <span
      aria-hidden="true"
      className="flex size-9 shrink-0 items-center justify-center rounded-full bg-surface-accent text-sm font-semibold text-fg-accent uppercase"
    >
      {name.trim().charAt(0) || '?'}
    </span>
  );
}
