import type { ImgHTMLAttributes, ReactNode } from 'react';
import { useAuthenticatedImage } from '../api/useAuthenticatedImage';

interface AuthImageProps extends Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'> {
  /** An API path (or absolute URL) that needs the bearer token. */
  url: string;
  alt: string;
  /** Shown while the bytes are on their way. */
  pendingContent?: ReactNode;
  /** Shown when they cannot be fetched. */
  failedContent?: ReactNode;
}

/** An <img> for an image behind the API's authentication; nothing (or `pendingContent`) until the bytes are here. */
export function AuthImage({ url, alt, pendingContent = null, failedContent = null, ...rest }: AuthImageProps) {
  const image = useAuthenticatedImage(url);
  if (image.status === 'loading') return pendingContent;
  if (image.status === 'error') return failedContent;
  return <img src={image.src} alt={alt} {...rest} />;
}
