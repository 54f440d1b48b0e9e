export type { MentionCandidate } from './matchPeople';
export { MentionedNamesContext, mentionedNames, MentionText } from './MentionText';
export { useMentionAutocomplete } from './useMentionAutocomplete';
export { useMentionedNames } from './useMentionedNames';
