import { useEffect, useState } from 'react';
import { api } from './client';

interface CachedImage {
  /** Resolves to the object URL of the bytes. */
  loading: Promise<string>;
  objectUrl: string | null;
  /** How many mounted components show it; the object URL is revoked when this drops to 0. */
  users: number;
  releaseTimer?: ReturnType<typeof setTimeout>;
}

/** Kept a moment after the last user goes, so a list row scrolling back in does not fetch again. */
const RELEASE_DELAY_MS = 30_000;
const cache = new Map<string, CachedImage>();

function acquire(url: string): CachedImage {
  let entry = cache.get(url);
  if (!entry) {
    const created: CachedImage = {
      users: 0,
      objectUrl: null,
      loading: api.get<Blob>(url, { responseType: 'blob' }).then(({ data }) => {
        created.objectUrl = URL.createObjectURL(data);
        return created.objectUrl;
      }),
    };
    // A failed fetch is not kept: the next mount tries again.
    created.loading.catch(() => {
      if (cache.get(url) === created) cache.delete(url);
    });
    entry = created;
    cache.set(url, entry);
  }
  clearTimeout(entry.releaseTimer);
  entry.users += 1;
  return entry;
}

function release(url: string, entry: CachedImage): void {
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.releaseTimer = setTimeout(() => {
    if (entry.users > 0 || cache.get(url) !== entry) return;
    cache.delete(url);
    if (entry.objectUrl) URL.revokeObjectURL(entry.objectUrl);
  }, RELEASE_DELAY_MS);
}

/** Forgets every cached image (on sign-out and between tests). */
export function clearAuthenticatedImages(): void {
  for (const entry of cache.values()) {
    clearTimeout(entry.releaseTimer);
    if (entry.objectUrl) URL.revokeObjectURL(entry.objectUrl);
  }
  cache.clear();
}

export type AuthenticatedImage =
  { status: 'loading'; src: null } | { status: 'loaded'; src: string } | { status: 'error'; src: null };

/**
 * An image behind the API's bearer token, which an <img src> cannot send: fetched with the API client and
 * shown through an object URL, one fetch per URL however many components show it.
 */
export function useAuthenticatedImage(url: string | null | undefined): AuthenticatedImage {
  const [state, setState] = useState<{ url: string | null | undefined; image: AuthenticatedImage }>(() => ({
    url,
    image: initial(url),
  }));
  // A new URL starts over (adjusting state during render, as React recommends over an effect).
  let image = state.image;
  if (state.url !== url) {
    image = initial(url);
    setState({ url, image });
  }

  useEffect(() => {
    if (!url) return;
    const entry = acquire(url);
    let active = true;
    entry.loading.then(
      (src) => {
        if (active) setState({ url, image: { status: 'loaded', src } });
      },
      () => {
        if (active) setState({ url, image: { status: 'error', src: null } });
      },
    );
    return () => {
      active = false;
      release(url, entry);
    };
  }, [url]);

  return image;
}

function initial(url: string | null | undefined): AuthenticatedImage {
  const objectUrl = url ? cache.get(url)?.objectUrl : null;
  if (objectUrl) return { status: 'loaded', src: objectUrl };
  return url ? { status: 'loading', src: null } : { status: 'error', src: null };
}
