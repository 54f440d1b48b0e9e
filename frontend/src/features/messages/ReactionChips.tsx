import type { Reaction } from '@messenger/contract';

interface ReactionChipsProps {
  reactions: Reaction[];
  currentUserId: string | undefined;
  onToggle: (emoji: string) => void;
}

/** Describes a chip fully, since the emoji and the count alone say little to a screen reader. */
export function reactionLabel(reaction: Reaction, mine: boolean): string {
  const count = `${reaction.count} ${reaction.count === 1 ? 'reaction' : 'reactions'}`;
  return `${reaction.emoji} ${count}${mine ? ', you reacted' : ''}`;
}

/** One chip per emoji; pressing one adds our reaction, or takes it back. */
export function ReactionChips({ reactions, currentUserId, onToggle }: ReactionChipsProps) {
  if (reactions.length === 0) return null;
  return (
    <ul aria-label="Reactions" className="mt-1 flex flex-wrap gap-1">
      {reactions.map((reaction) => {
        const mine = currentUserId !== undefined && reaction.userIds.includes(currentUserId);
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              aria-pressed={mine}
              aria-label={reactionLabel(reaction, mine)}
              onClick={() => onToggle(reaction.emoji)}
              className={`rounded-full border px-2 py-0.5 text-sm ${
                mine ? 'border-accent bg-surface-accent text-fg-accent' : 'border-border bg-surface text-fg'
              }`}
            >
              {reaction.emoji} {reaction.count}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
