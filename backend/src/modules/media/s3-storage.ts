import type { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createLogger, type Logger } from '../../lib/logger';
import type { BrowserUrls, ObjectStorage } from './storage';

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** How long a request may wait for its answer, and a body may stall, before it fails (30 s). */
  timeoutMs?: number;
  /**
   * S3_PUBLIC_URL: where browsers reach the same store, and the web app's origin (FRONTEND_URL) that may read
   * from it. Set, images are handed to browsers as signed URLs on that address.
   */
  browserAccess?: { endpoint: string; webAppOrigin: string };
}

/**
 * Images in any S3-compatible store (path-style addressing: SeaweedFS and MinIO need it; AWS S3 and Cloudflare R2
 * accept it). The bucket stays private.
 */
export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;
  readonly browserUrls?: BrowserUrls;

  constructor(
    private readonly settings: S3Settings,
    private readonly logger: Logger = createLogger('silent'),
  ) {
    const common: S3ClientConfig = {
      region: settings.region,
      forcePathStyle: true,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
    };
    this.client = new S3Client({
      ...common,
      endpoint: settings.endpoint,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Without limits the SDK waits forever: a storage server that stops answering would hold one of the pool's
      // sockets per request until none is left. The idle limit also ends a download whose body stalls mid-way.
      requestHandler: {
        connectionTimeout: 5_000,
        requestTimeout: settings.timeoutMs ?? 30_000,
        throwOnRequestTimeout: true,
        socketTimeout: settings.timeoutMs ?? 30_000,
      },
    });
    if (settings.browserAccess) {
      // Signed for the public address: the signature covers the Host header, so it must be made for the host the
      // browser will send. This client only signs; it never sends a request.
      const signer = new S3Client({ ...common, endpoint: settings.browserAccess.endpoint });
      this.browserUrls = {
        sign: (key, expiresInSeconds, headers) =>
          getSignedUrl(
            signer,
            new GetObjectCommand({
              Bucket: settings.bucket,
              Key: key,
              ResponseContentType: headers.contentType,
              ResponseContentDisposition: 'inline',
              ResponseCacheControl: headers.cacheControl,
            }),
            { expiresIn: expiresInSeconds },
          ),
      };
    }
  }

  async prepare(): Promise<void> {
    const exists = await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket })).then(
      () => true,
      () => false,
    );
    if (!exists) await this.client.send(new CreateBucketCommand({ Bucket: this.settings.bucket }));
    if (this.settings.browserAccess) await this.allowWebAppReads(this.settings.browserAccess.webAppOrigin);
  }

  /**
   * The web app reads images with XMLHttpRequest, which follows the API's redirect to the store only if the store
   * answers with CORS headers for the app's origin. A store that refuses to take the rule (or a key without the
   * right) leaves images broken in browsers, so say what to configure instead of failing the start.
   */
  private async allowWebAppReads(webAppOrigin: string): Promise<void> {
    const rule = { AllowedOrigins: [webAppOrigin], AllowedMethods: ['GET', 'HEAD'], AllowedHeaders: ['*'] };
    try {
      await this.client.send(
        new PutBucketCorsCommand({
          Bucket: this.settings.bucket,
          CORSConfiguration: { CORSRules: [{ ...rule, MaxAgeSeconds: 3600 }] },
        }),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, bucket: this.settings.bucket, corsRule: rule },
        `could not set the bucket's CORS rule: images from S3_PUBLIC_URL will not load in browsers until the store ` +
          `allows GET and HEAD from ${webAppOrigin} (configure it in the store, or unset S3_PUBLIC_URL to serve ` +
          `images through the API)`,
      );
    }
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  async get(key: string) {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return {
        body: object.Body as Readable,
        contentType: object.ContentType ?? 'application/octet-stream',
        size: object.ContentLength ?? 0,
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.settings.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })) },
      }),
    );
  }
}
