export { LivePresenceDot } from './LivePresenceDot';
export { usePresenceStore, type Presence } from './presenceStore';
export { useLivePresence } from './useLivePresence';
