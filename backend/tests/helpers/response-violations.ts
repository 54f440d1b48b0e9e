import type { ResponseViolation } from '../../src/http/response-check';

const found: ResponseViolation[] = [];

/** Handed to every test server: its answers that the OpenAPI document does not describe. */
export const recordResponseViolation = (violation: ResponseViolation) => void found.push(violation);

/** Throws for the answers recorded since the last call (then forgets them), naming each. */
export function expectNoResponseViolations(): void {
  const violations = found.splice(0);
  if (violations.length === 0) return;
  const lines = violations.map(({ method, path, status, problem }) => `  ${method} ${path} → ${status}: ${problem}`);
  throw new Error(`answers that the OpenAPI document does not describe:\n${lines.join('\n')}`);
}
