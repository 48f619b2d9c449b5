import type { RouteModule } from '../http/route-module.js';
import { editorRoutes } from './editor.routes.js';
import { deskAuthRoutes } from '../users/auth.desk.js';
import { deskUserRoutes } from '../users/users.desk.js';
import { deskTwoFactorRoutes } from '../users/two-factor.desk.js';
import { deskAssetRoutes } from './desk.assets.js';
import { deskProfileRoutes } from '../authors/author-profile.desk.js';
import { deskRevisionRoutes } from '../stories/story-revisions.desk.js';
import { deskSettingsRoutes } from '../settings/settings.desk.js';
import { deskStoryEditorRoutes } from '../stories/story-editor.desk.js';
import { deskStoryListRoutes } from '../stories/story-list.desk.js';
import { deskStoryApi } from '../stories/story.api.js';
import { deskSectionRoutes } from '../sections/sections.desk.js';
import { deskTagRoutes } from '../tags/tags.desk.js';
import { deskMemberRoutes } from '../members/members.desk.js';
import { outboxDeskRoutes } from '../mail/outbox.desk.js';
import { issueDeskRoutes } from '../newsletters/issues.desk.js';
import { deskTierRoutes } from '../billing/tiers.desk.js';
import { newsletterDeskRoutes } from '../newsletters/newsletters.desk.js';
import { deskMenuRoutes } from '../pages/menus.desk.js';

/**
 * Every route module of the desk, in order. deskAuthRoutes comes first: it installs the session
 * loader, the outer body-size limit and CSRF protection for every /desk path. Desk modules built
 * elsewhere (the rich-text editor's assets, media, search, preview) go after it.
 */
export const DESK_ROUTES: RouteModule[] = [
  deskAuthRoutes,
  deskTwoFactorRoutes,
  // Before the story API, so /desk/api/stories/search is not taken for a story id.
  editorRoutes,
  deskAssetRoutes,
  deskStoryApi,
  deskStoryListRoutes,
  deskStoryEditorRoutes,
  deskRevisionRoutes,
  deskProfileRoutes,
  deskSectionRoutes,
  deskTagRoutes,
  deskUserRoutes,
  deskSettingsRoutes,
  deskMenuRoutes,
  deskMemberRoutes,
  outboxDeskRoutes,
  // Issues first: /desk/newsletters/issues is not a newsletter's id.
  issueDeskRoutes,
  newsletterDeskRoutes,
  deskTierRoutes,
];
