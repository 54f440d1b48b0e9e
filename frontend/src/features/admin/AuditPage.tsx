import { formatExactTime, formatShortDateTime } from '../../shared/lib/time';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { fetchAuditLog } from './adminApi';
import { AdminSection } from './AdminSection';
import { describeAuditAction } from './auditActions';
import { useCursorList } from './useCursorList';

const headerClass = 'px-2 py-2 text-left font-semibold text-fg sm:px-3';
const cellClass = 'px-2 py-2 align-top text-fg sm:px-3';

/** /admin/audit: every admin action, newest first. The log is append-only: nothing here changes it. */
export function AuditPage() {
  const log = useCursorList(fetchAuditLog);
  return (
    <AdminSection title="Audit log" description="Every action taken by an admin, newest first.">
      <ErrorAlert message={log.error} />
      {log.loadingFirstPage && <p className="text-sm text-fg-muted">Loading the audit log…</p>}
      {log.items?.length === 0 && <p className="text-sm text-fg-muted">No admin action yet.</p>}
      {log.items && log.items.length > 0 && (
        // Scrolls sideways if a long name leaves no other way on a narrow screen; focusable so that keys can scroll it.
        <div role="region" aria-label="Audit log entries" tabIndex={0} className="overflow-x-auto rounded-md">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b border-border">
                <th scope="col" className={headerClass}>
                  Who
                </th>
                <th scope="col" className={headerClass}>
                  What
                </th>
                <th scope="col" className={headerClass}>
                  Whom
                </th>
                <th scope="col" className={headerClass}>
                  When
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {log.items.map((entry) => (
                <tr key={entry.id}>
                  <td className={cellClass}>{entry.actor.label}</td>
                  <td className={cellClass}>{describeAuditAction(entry)}</td>
                  <td className={cellClass}>{entry.target?.label ?? '—'}</td>
                  <td className={`${cellClass} text-fg-muted`}>
                    <time dateTime={entry.createdAt} title={formatExactTime(entry.createdAt)}>
                      {formatShortDateTime(entry.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasMore && (
        <Button variant="secondary" className="self-start" disabled={log.loadingMore} onClick={log.loadMore}>
          {log.loadingMore ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </AdminSection>
  );
}
