import type { Readable } from 'node:stream';

/** Where image bytes live. Nothing outside this folder knows which implementation runs. */
export interface ObjectStorage {
  /** Creates the bucket or folder if needed; called once at start-up. */
  prepare(): Promise<void>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when it does not exist. */
  get(key: string): Promise<{ body: Readable; contentType: string; size: number } | null>;
  delete(keys: readonly string[]): Promise<void>;
  /**
   * Present when browsers can fetch objects from the store themselves (S3_PUBLIC_URL): then the bytes need not
   * pass through the server.
   */
  readonly browserUrls?: BrowserUrls;
}

export interface BrowserUrls {
  /**
   * A URL that lets whoever holds it GET one object for `expiresInSeconds`, answered with these headers. Made
   * without any request to the store.
   */
  sign(key: string, expiresInSeconds: number, headers: { contentType: string; cacheControl: string }): Promise<string>;
}
