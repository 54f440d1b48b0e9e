import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types; its constructor options and run()/close() are all we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
};

/** A real S3-protocol server on loopback, with its files in a temporary folder. */
export async function startS3(): Promise<{
  endpoint: string;
  accessKey: string;
  secretKey: string;
  stop(): Promise<void>;
}> {
  const directory = mkdtempSync(join(tmpdir(), 'messenger-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Whether a presigned GET URL carries a valid AWS Signature V4 for exactly its own host, path and query, as AWS S3
 * and SeaweedFS check it. s3rver does not check V4 signatures (only their expiry), so tests check them here.
 */
export function hasValidSignature(presignedUrl: string, secretKey: string): boolean {
  const url = new URL(presignedUrl);
  const query = url.searchParams;
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join('&');
  const signedHeaders = query.get('X-Amz-SignedHeaders') ?? '';
  if (signedHeaders !== 'host') return false;
  const canonicalRequest = ['GET', url.pathname, canonicalQuery, `host:${url.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join(
    '\n',
  );
  const [, date, region, service] = (query.get('X-Amz-Credential') ?? '').split('/');
  const timestamp = query.get('X-Amz-Date') ?? '';
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', timestamp, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretKey}`);
  for (const part of [date, region, service, 'aws4_request']) key = hmac(key, part ?? '');
  return hmac(key, stringToSign).toString('hex') === query.get('X-Amz-Signature');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
