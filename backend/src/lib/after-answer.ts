import type { Logger } from './logger';
import { InFlight } from './in-flight';

/**
 * Work that goes on after the request it belongs to was answered (a change's fan-out, which may wait on other
 * instances): counted, so that shutdown waits for it, and its failure logged, never an unhandled rejection.
 */
export class AfterAnswer {
  private readonly running = new InFlight();

  constructor(private readonly logger: Pick<Logger, 'warn'>) {}

  /** Lets `work` finish on its own; `what` names it in the log if it fails ("publishing a group change"). */
  add(what: string, work: Promise<unknown>, context: Record<string, unknown> = {}): void {
    void this.running.run(() =>
      work.then(
        () => undefined,
        (error: unknown) => this.logger.warn({ err: error, ...context }, `${what} failed`),
      ),
    );
  }

  /** Resolves once everything added so far has finished. */
  idle(): Promise<void> {
    return this.running.idle();
  }
}
