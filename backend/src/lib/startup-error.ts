/**
 * A start-up failure the user can fix: its message is one line saying what to do, printed instead of a stack trace
 * (main.ts). The underlying error stays attached as `cause` for LOG_LEVEL=debug.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
