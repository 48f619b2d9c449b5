import type { StoryStatus, User, UserRole } from '../db/database.js';
import { forbidden } from '../http/errors.js';

/** Every role, most powerful first. */
export const ROLES: readonly UserRole[] = ['owner', 'admin', 'editor', 'author', 'contributor'];

/** The part of a user the policy looks at. */
export interface PolicyUser {
  id: number;
  role: UserRole;
  author_id: number | null;
}

/** The part of a story the policy looks at: its status and who it belongs to. */
export interface PolicyStory {
  status: StoryStatus;
  /** The user who created it in the desk, if any. */
  createdBy: number | null;
  /** Byline author profile ids. */
  authorIds: readonly number[];
}

/** The part of an image the policy looks at: who uploaded it and whether any story or author shows it. */
export interface PolicyImage {
  uploadedBy: number | null;
  inUse: boolean;
}

/** Everything a desk user can try to do. Stories are checked per story where ownership matters. */
export type Action =
  | 'desk.use'
  | 'story.view'
  | 'story.create'
  | 'story.translate'
  | 'story.edit'
  | 'story.submit'
  | 'story.review'
  | 'story.publish'
  | 'story.unpublish'
  | 'story.note'
  | 'review.queue'
  | 'users.manage'
  | 'settings.manage'
  | 'jobs.manage'
  | 'profile.edit-any'
  | 'names.manage'
  | 'media.delete'
  | 'members.view'
  | 'members.export'
  | 'members.import'
  | 'newsletters.manage'
  | 'newsletters.send'
  | 'comments.moderate'
  | 'mail.outbox'
  | 'security.require-2fa'
  | 'tiers.manage'
  | 'pages.manage'
  | 'menus.manage';

const rank = (role: UserRole) => ROLES.indexOf(role);
const atLeast = (user: PolicyUser, role: UserRole) => rank(user.role) <= rank(role);

/** True when the story is the user's own: they created it, or their author profile is on its byline. */
export function ownsStory(user: PolicyUser, story: PolicyStory): boolean {
  return story.createdBy === user.id || (user.author_id !== null && story.authorIds.includes(user.author_id));
}

/**
 * The roles matrix, in one place; every desk route and API call asks it.
 * - owner/admin: everything, including users, settings and the background jobs;
 * - editor: edit, review and publish any story; delete images from the media library; name sections and tags;
 *   write and publish static pages, edit the navigation and footer menus;
 * - author: write and edit own stories while they are not live, submit them for review; never publish;
 * - contributor: write and edit own drafts only;
 * - below editor: delete an image only when they uploaded it and nothing uses it.
 * Readers (issue 13): editors see the members list and a member's page, send newsletter issues and moderate
 * comments; owners and admins also define newsletters, export and import members, and read the local mail outbox
 * (it holds readers' sign-in links). Authors and contributors see no reader's personal data.
 * Account safety (issue 15): only owners say which roles must sign in with a second factor; everyone manages their
 * own two-factor sign-in. Reader revenue (issue 14): owners and admins define tiers and their prices, the currency
 * and the donation settings.
 */
export function can(user: PolicyUser | null | undefined, action: Action, thing?: PolicyStory | PolicyImage): boolean {
  if (!user) return false;
  const story = thing && 'status' in thing ? thing : undefined;
  switch (action) {
    case 'desk.use':
    case 'story.view':
    case 'story.create':
    // A translation is a new story in another language: whoever may write one may translate one.
    case 'story.translate':
      return true;
    case 'users.manage':
    case 'settings.manage':
    case 'jobs.manage':
    case 'profile.edit-any':
    case 'members.export':
    case 'members.import':
    case 'newsletters.manage':
    case 'mail.outbox':
    case 'tiers.manage':
      return atLeast(user, 'admin');
    // Which roles must sign in with a second factor: the owner's call alone.
    case 'security.require-2fa':
      return user.role === 'owner';
    case 'story.review':
    case 'story.publish':
    case 'story.unpublish':
    case 'story.note':
    case 'review.queue':
    // Sections' and tags' names and descriptions in every edition's language.
    case 'names.manage':
    case 'members.view':
    case 'newsletters.send':
    case 'comments.moderate':
    // Static pages (About, Privacy, Corrections policy) speak for the newsroom, and the menus link every page:
    // editors write, publish and link them; authors and contributors write stories.
    case 'pages.manage':
    case 'menus.manage':
      return atLeast(user, 'editor');
    // Deleting an image that is used takes it out of every story that shows it, whoever wrote them: editors.
    // Anyone may take back their own upload while nothing shows it.
    case 'media.delete':
      if (atLeast(user, 'editor')) return true;
      return !!thing && 'uploadedBy' in thing && thing.uploadedBy === user.id && !thing.inUse;
    case 'story.edit':
      if (atLeast(user, 'editor')) return true;
      if (!story || !ownsStory(user, story)) return false;
      if (user.role === 'author') return story.status === 'draft' || story.status === 'review';
      return story.status === 'draft';
    case 'story.submit':
      if (atLeast(user, 'editor')) return true;
      return user.role === 'author' && !!story && ownsStory(user, story) && story.status === 'draft';
  }
}

/** Whether a user may give another account a role: admins manage everyone but owners; only owners make owners. */
export function canAssignRole(user: PolicyUser, role: UserRole): boolean {
  if (user.role === 'owner') return true;
  return user.role === 'admin' && role !== 'owner';
}

/**
 * Whether a user may act on another's account (role, disabling, ending their sessions): owners on anyone, admins on
 * everyone but owners, nobody else. Checked by the services, not only by the users page's hidden buttons.
 */
export function canManageAccount(user: PolicyUser, target: Pick<PolicyUser, 'role'>): boolean {
  return can(user, 'users.manage') && (user.role === 'owner' || target.role !== 'owner');
}

/** Throws 403 unless the user may do `action` (on the story or image, where ownership matters): what services call. */
export function assertCan(
  user: User,
  action: Action,
  thing?: PolicyStory | PolicyImage,
  message = 'Your role does not allow this.',
): void {
  if (!can(user, action, thing)) throw forbidden(message);
}
