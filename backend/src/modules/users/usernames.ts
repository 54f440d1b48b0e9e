/** Usernames are unique ignoring case and surrounding spaces: the key they are stored and looked up by. */
export const normalizeUsername = (username: string) => username.trim().toLowerCase();
