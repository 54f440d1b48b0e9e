import { Link } from 'react-router-dom';
import { Page } from '../../shared/ui/Page';

/** A link to a chat that does not exist or that we are not in: nothing of it is shown, not even whether it exists. */
export function ChatUnavailable() {
  return (
    <Page title="Chat not found">
      <p className="text-fg">This chat does not exist or you do not have access to it.</p>
      <p>
        <Link to="/chats" className="font-medium text-fg-accent hover:underline">
          Back to your chats
        </Link>
      </p>
    </Page>
  );
}
