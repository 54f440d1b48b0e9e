const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses the duration notation of JWT_ACCESS_EXPIRY / JWT_REFRESH_EXPIRY ("15m", "7d", "3600s", "500ms", "60"). */
export function parseDurationMs(value: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) return null;
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  return Number(match[1]) * UNIT_MS[unit];
}
