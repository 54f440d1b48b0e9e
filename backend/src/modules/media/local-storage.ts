import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ObjectStorage } from './storage';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** Images on local disk: the zero-configuration choice when no S3 endpoint is set. */
export class LocalStorage implements ObjectStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async prepare(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async put(key: string, body: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  }

  async get(key: string) {
    // Opened before it is measured: a file removed in between is then either a clean null or still readable through
    // its open handle, never a stream that fails after the response has started.
    const file = await open(this.pathOf(key)).catch(() => null);
    if (!file) return null;
    const info = await file.stat();
    if (!info.isFile()) {
      await file.close();
      return null;
    }
    const extension = key.slice(key.lastIndexOf('.') + 1);
    return {
      body: file.createReadStream(),
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      size: info.size,
    };
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.pathOf(key), { force: true })));
  }

  /** Keys are ours (never user input), but a key must still never point outside the root. */
  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return path;
  }
}
