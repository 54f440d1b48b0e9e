import type { Readable } from 'node:stream';

/** Where image bytes live. Nothing outside this folder knows which implementation runs. */
export interface ObjectStorage {
  /** Creates the bucket or folder if needed; called once at start-up. */
  prepare(): Promise<void>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when it does not exist. */
  get(key: string): Promise<{ body: Readable; contentType: string; size: number } | null>;
  delete(keys: readonly string[]): Promise<void>;
}
