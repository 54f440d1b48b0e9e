/** Shapes of the public REST and Socket.IO contract (/work/shared/api-contract.md). */

/** Who someone is, without presence: how a message names its sender. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** Present (true) only when the account is deactivated: its messages stay, shown as such. */
  deactivated?: boolean;
}

/**
 * Someone as the signed-in user sees them. Presence is shown only for themselves, their contacts and the people they
 * share a chat with; for anyone else `online` and `lastSeenAt` are both null.
 */
export interface User extends UserSummary {
  online: boolean | null;
  lastSeenAt: string | null;
}

/** GET /api/users/me: the signed-in user, with what only they may see. */
export interface CurrentUser extends User {
  createdAt: string;
  /** Admins run the installation: the Admin area and /api/admin/*. */
  role: 'admin' | 'member';
  status: 'active' | 'deactivated';
}

/** GET /api/users/:id: someone's public profile, as the viewer sees it. */
export interface UserProfile extends User {
  isContact: boolean;
  /** The viewer blocked them (offer Unblock); whether they blocked the viewer is never shown. */
  isBlocked: boolean;
}

/** GET /api/users/me/blocks: someone the signed-in user blocked (no presence: a block hides it). */
export interface BlockedUser extends UserSummary {
  blockedAt: string;
}

export interface BlockedUsersResponse {
  users: BlockedUser[];
}

/** One signed-in device (GET /api/auth/sessions). */
export interface DeviceSession {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  /** The session making the request: this browser. */
  current: boolean;
}

export interface Attachment {
  id: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  url: string;
  thumbnailUrl: string;
}

export interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
}

export interface ReplyPreview {
  id: string;
  seq: number;
  sender: UserSummary | null;
  excerpt: string;
}

export interface Message {
  id: string;
  chatId: string;
  seq: number;
  clientMsgId: string | null;
  /** null for system messages; no presence (it would go stale in a kept message): see the presence store */
  sender: UserSummary | null;
  type: 'text' | 'image' | 'system';
  content: string;
  replyTo: ReplyPreview | null;
  attachments: Attachment[];
  reactions: Reaction[];
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
}

export interface Participant {
  user: User;
  role: 'owner' | 'member';
  lastReadSeq: number;
  lastDeliveredSeq: number;
}

export interface Chat {
  id: string;
  type: 'direct' | 'group';
  /** null for direct chats: they are named after the other participant */
  name: string | null;
  avatarUrl: string | null;
  ownerId: string | null;
  participants: Participant[];
  lastMessage: Message | null;
  lastSeq: number;
  unreadCount: number;
  /** The viewer's own setting: a muted chat neither notifies nor counts in the tab title. */
  muted: boolean;
  updatedAt: string;
}

export interface Contact {
  user: User;
  since: string;
}

export interface IncomingContactRequest {
  id: string;
  from: User;
  createdAt: string;
}

export interface OutgoingContactRequest {
  id: string;
  to: User;
  createdAt: string;
}

/** A request as the `contact:request` event carries it, to both sides' devices. */
export interface ContactRequest {
  id: string;
  from: User;
  to: User;
  createdAt: string;
}

// Requests and responses

export interface RegisterRequest {
  username: string;
  password: string;
  displayName?: string;
  /** Required while registration is by invite only. */
  inviteCode?: string;
}

/** Who may create an account: anyone, only people with an invite, or nobody (admins create no accounts here). */
export type RegistrationMode = 'open' | 'invite' | 'closed';

export interface RegistrationResponse {
  registration: RegistrationMode;
}

/** POST /api/auth/password-reset: the token an admin handed out, and the password it sets. */
export interface PasswordResetRequest {
  resetToken: string;
  newPassword: string;
}

/** PUT /api/users/me/password */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
}

export interface RefreshResponse {
  accessToken: string;
  refreshToken: string;
}

export interface UserResponse {
  user: User;
}

export interface CurrentUserResponse {
  user: CurrentUser;
}

export interface UpdateProfileRequest {
  displayName?: string;
  /** One of our uploads (purpose avatar); null removes the avatar. */
  avatarAttachmentId?: string | null;
}

export interface UserProfileResponse {
  user: UserProfile;
}

export interface SessionsResponse {
  sessions: DeviceSession[];
}

export interface UsersResponse {
  users: User[];
}

export interface ContactsResponse {
  contacts: Contact[];
}

export interface ContactRequestsResponse {
  incoming: IncomingContactRequest[];
  outgoing: OutgoingContactRequest[];
}

/** 201 when a request was created; 200 when it accepted the other user's pending request instead. */
export type SendContactRequestResponse = { request: OutgoingContactRequest } | { contact: Contact };

export interface ContactResponse {
  contact: Contact;
}

export interface ChatsResponse {
  chats: Chat[];
}

export interface ChatResponse {
  chat: Chat;
}

export interface MuteChatRequest {
  muted: boolean;
}

export interface MessagePage {
  messages: Message[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

export interface CreateMessageRequest {
  clientMsgId: string;
  /** Optional as on the server (and in message:send): an image message may go without a caption. */
  content?: string;
  replyToId?: string;
  /** 1–10 of our own uploads: the message is then an image message and `content` its caption. */
  attachmentIds?: string[];
}

export interface MessageResponse {
  message: Message;
}

export interface ReactionsResponse {
  reactions: Reaction[];
}

export interface CreateGroupRequest {
  name: string;
  memberIds: string[];
}

/** PUT /api/chats/:id: rename, or hand the group to `ownerId`. */
export interface UpdateGroupRequest {
  name?: string;
  ownerId?: string;
  avatarAttachmentId?: string | null;
}

/** One piece of a found message's text; `match` marks the words the query found. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface SearchResult {
  message: Message;
  chat: Pick<Chat, 'id' | 'type' | 'name'>;
  highlight: HighlightSegment[];
}

/** GET /api/search: best matches first; `nextCursor` asks for the page after this one. */
export interface SearchResponse {
  results: SearchResult[];
  nextCursor: string | null;
  /** How many messages match in all, over every page. */
  total: number;
}

/** A person in the admin's list (GET /api/admin/users, and the `user` of the admin user operations). */
export interface AdminUser extends UserSummary {
  role: 'admin' | 'member';
  status: 'active' | 'deactivated';
  createdAt: string;
  lastSeenAt: string | null;
  deactivatedAt: string | null;
}

/** One entry of the audit log of admin actions (GET /api/admin/audit), newest first. */
export interface AuditEntry {
  id: string;
  /** `id` null: the admin command line (`label` says so). */
  actor: { id: string | null; label: string };
  /** e.g. `user.role`, `user.deactivate`, `user.reactivate`. */
  action: string;
  target: { id: string | null; label: string } | null;
  details: Record<string, unknown>;
  createdAt: string;
}
