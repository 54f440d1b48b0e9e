import { AppError } from '../../lib/errors';

/** One upload's share of the budget, which grows with it. */
export interface UploadReservation {
  /**
   * Makes sure this upload holds `bytes` of the budget in all; false when the budget has no room for them (or the
   * upload is over), and nothing more is reserved then.
   */
  cover(bytes: number): boolean;
}

export const uploadsBusy = () =>
  new AppError(503, 'UPLOADS_BUSY', 'The server is receiving too many uploads right now; please try again in a moment');

/**
 * The bytes of uploads that this process holds at once, across all users (UPLOAD_MEMORY_BUDGET_MB). Each upload
 * reserves what it holds as it streams in (its Content-Length up front, when it declares one), and gives all of it
 * back when it ends, whichever way: stored, refused, failed, or abandoned by its client. An upload the budget has no
 * room for is refused (503 UPLOADS_BUSY, to be retried) instead of held, so that many users uploading at once cannot
 * exhaust the server's memory. The per-user limit of uploads under way keeps one user from taking all of it.
 */
export class UploadBudget {
  private reservedBytes = 0;

  constructor(private readonly totalBytes: number) {}

  /** Bytes reserved now by the uploads under way (0 when none is). */
  get reserved(): number {
    return this.reservedBytes;
  }

  /** Runs one upload with a reservation of its own, released in full however the upload ends. */
  async hold<T>(upload: (reservation: UploadReservation) => Promise<T>): Promise<T> {
    let held = 0;
    let over = false;
    const cover = (bytes: number) => {
      if (over) return false;
      if (bytes <= held) return true;
      if (this.reservedBytes - held + bytes > this.totalBytes) return false;
      this.reservedBytes += bytes - held;
      held = bytes;
      return true;
    };
    try {
      return await upload({ cover });
    } finally {
      over = true;
      this.reservedBytes -= held;
    }
  }
}
