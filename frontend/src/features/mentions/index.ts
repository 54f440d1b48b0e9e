export type { MentionCandidate } from './matchPeople';
export { useMentionAutocomplete } from './useMentionAutocomplete';
