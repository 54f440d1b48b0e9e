import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface WorldUser {
  id: string;
  username: string;
  accessToken: string;
  refreshToken: string;
}

export interface WorldChat {
  id: string;
  type: 'direct' | 'group';
  /** User indices; the first one created the chat. */
  members: number[];
}

/** What --reuse keeps between runs (the file holds live refresh tokens: keep it private). */
export interface WorldState {
  version: 1;
  fingerprint: string;
  createdAt: string;
  users: WorldUser[];
  chats: WorldChat[];
}

export function loadWorld(path: string): WorldState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as WorldState;
    return state.version === 1 && Array.isArray(state.users) && Array.isArray(state.chats) ? state : undefined;
  } catch {
    return undefined;
  }
}

export function saveWorld(path: string, state: WorldState): void {
  writeFileSync(path, `${JSON.stringify(state)}\n`, { mode: 0o600 });
}
