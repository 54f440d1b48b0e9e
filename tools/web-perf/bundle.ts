import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { newContext } from './contexts';
import { PASSWORD } from './seed';

export interface ScriptBytes {
  scripts: number;
  /** Bytes on the wire for the script responses (headers included, as DevTools' "transferred"). */
  transferred: number;
  /** Bytes on the wire for the bodies only (compressed when the server compressed). */
  encodedBody: number;
  /** Bytes of JavaScript after decompression. */
  decoded: number;
  encodings: string[];
}

export interface BundleResult {
  login: ScriptBytes;
  /** Every script by the time the signed-in app has preloaded its pages on /chats (cumulative, login included). */
  signedIn: ScriptBytes;
}

interface Response {
  type: string;
  encoding: string;
  transferred: number;
  encodedBody: number;
  decoded: number;
}

/** Records every response's sizes through the DevTools protocol, as the network panel shows them. */
async function recordNetwork(page: Page): Promise<{ cdp: CDPSession; responses: Map<string, Response> }> {
  const cdp = await page.context().newCDPSession(page);
  const responses = new Map<string, Response>();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    responses.set(requestId, {
      type,
      encoding: String(headers['content-encoding'] ?? 'identity'),
      transferred: 0,
      encodedBody: 0,
      decoded: 0,
    });
  });
  cdp.on('Network.dataReceived', ({ requestId, dataLength, encodedDataLength }) => {
    const response = responses.get(requestId);
    if (!response) return;
    response.decoded += dataLength;
    response.encodedBody += encodedDataLength;
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const response = responses.get(requestId);
    if (response) response.transferred = encodedDataLength;
  });
  await cdp.send('Network.enable');
  // No cache at all: this is a first visit.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { cdp, responses };
}

function scriptBytes(responses: Map<string, Response>): ScriptBytes {
  const scripts = [...responses.values()].filter((response) => response.type === 'Script');
  const sum = (key: 'transferred' | 'encodedBody' | 'decoded') =>
    scripts.reduce((total, script) => total + script[key], 0);
  return {
    scripts: scripts.length,
    transferred: sum('transferred'),
    encodedBody: sum('encodedBody'),
    decoded: sum('decoded'),
    encodings: [...new Set(scripts.map((script) => script.encoding))],
  };
}

/** Waits until no request has been in flight for `quietMs` (Socket.IO's long-polling excepted). */
async function networkQuiet(page: Page, quietMs = 700): Promise<void> {
  let inFlight = 0;
  let last = Date.now();
  const counts = (url: string) => !url.includes('/socket.io/');
  const start = (request: { url(): string }) => {
    if (counts(request.url())) inFlight += 1;
  };
  const end = (request: { url(): string }) => {
    if (!counts(request.url())) return;
    inFlight -= 1;
    last = Date.now();
  };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  try {
    while (inFlight > 0 || Date.now() - last < quietMs) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    page.off('request', start);
    page.off('requestfinished', end);
    page.off('requestfailed', end);
  }
}

/** First visit (empty cache) of /login, then sign in and wait on /chats until the app has fetched everything. */
export async function measureBundle(browser: Browser, baseUrl: string, username: string): Promise<BundleResult> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const { responses } = await recordNetwork(page);
    await page.goto(`${baseUrl}/login`, { waitUntil: 'load' });
    await page
      .getByRole('button', { name: 'Sign in' })
      .waitFor()
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(tmpdir(), 'web-perf-login.png') });
        throw error;
      });
    await networkQuiet(page);
    const login = scriptBytes(responses);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/chats$/);
    await page.locator('ul[aria-label="Chat list"] li').first().waitFor();
    await networkQuiet(page, 1_500);
    return { login, signedIn: scriptBytes(responses) };
  } finally {
    await context.close();
  }
}
