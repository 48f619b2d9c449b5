import type { Child } from 'hono/jsx';
import type { User } from '../db/database.js';
import { CSRF_FIELD } from '../users/auth.middleware.js';
import { can } from '../users/user.policy.js';
import { deskAssetUrl } from './desk.asset-files.js';
import { DESK_LANGUAGE, t } from './desk-words.js';

// Rendering rule (ui/html.ts): the desk, so hono/jsx, escaped by the one escaper (lib/html-escape.ts).

export interface DeskLayoutProps {
  title: string;
  csrf: string;
  user: User | null;
  /** Extra elements for <head> (the editor's script and styles). */
  head?: Child;
  children?: Child;
}

/** The hidden field every desk form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

/** The desk's page shell: CSRF meta tag, self-hosted CSS, navigation by role, sign-out. */
export function DeskLayout(props: DeskLayoutProps) {
  const { user } = props;
  return (
    <html lang={DESK_LANGUAGE}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="csrf-token" content={props.csrf} />
        <title>
          {props.title} — {t('desk.nav.desk')}
        </title>
        <link rel="stylesheet" href={deskAssetUrl('desk.css')} />
        <script src={deskAssetUrl('desk.js')} defer></script>
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('desk.nav.skip')}
        </a>
        <header class="desk-top">
          <a class="desk-brand" href="/desk">
            {t('desk.nav.desk')}
          </a>
          {user && (
            <nav aria-label={t('desk.nav.desk')}>
              <ul class="desk-nav">
                <li>
                  <a href="/desk/stories">{t('desk.nav.stories')}</a>
                </li>
                <li>
                  <a href="/desk/stories/new">{t('desk.nav.newStory')}</a>
                </li>
                <li>
                  <a href="/desk/media">{t('desk.nav.media')}</a>
                </li>
                {can(user, 'pages.manage') && (
                  <li>
                    <a href="/desk/stories?kind=page">{t('desk.nav.pages')}</a>
                  </li>
                )}
                {can(user, 'menus.manage') && (
                  <li>
                    <a href="/desk/menus">{t('desk.nav.menus')}</a>
                  </li>
                )}
                {can(user, 'review.queue') && (
                  <li>
                    <a href="/desk/review">{t('desk.nav.review')}</a>
                  </li>
                )}
                {can(user, 'comments.moderate') && (
                  <li>
                    <a href="/desk/comments">{t('desk.comments.nav')}</a>
                  </li>
                )}
                {can(user, 'names.manage') && (
                  <li>
                    <a href="/desk/sections">{t('names.nav.sections')}</a>
                  </li>
                )}
                {can(user, 'names.manage') && (
                  <li>
                    <a href="/desk/tags">{t('names.nav.tags')}</a>
                  </li>
                )}
                {can(user, 'members.view') && (
                  <li>
                    <a href="/desk/members">{t('desk.nav.members')}</a>
                  </li>
                )}
                {can(user, 'newsletters.send') && (
                  <li>
                    <a href="/desk/newsletters">{t('desk.nav.newsletters')}</a>
                  </li>
                )}
                {can(user, 'tiers.manage') && (
                  <li>
                    <a href="/desk/tiers">{t('desk.nav.tiers')}</a>
                  </li>
                )}
                {can(user, 'users.manage') && (
                  <li>
                    <a href="/desk/users">{t('desk.nav.users')}</a>
                  </li>
                )}
                {can(user, 'settings.manage') && (
                  <li>
                    <a href="/desk/settings">{t('desk.nav.settings')}</a>
                  </li>
                )}
                {can(user, 'settings.manage') && (
                  <li>
                    <a href="/desk/settings/webhooks">{t('desk.nav.webhooks')}</a>
                  </li>
                )}
                {can(user, 'jobs.manage') && (
                  <li>
                    <a href="/desk/jobs">{t('desk.nav.jobs')}</a>
                  </li>
                )}
                {can(user, 'mail.outbox') && (
                  <li>
                    <a href="/desk/outbox">{t('desk.nav.outbox')}</a>
                  </li>
                )}
                <li>
                  <a href="/desk/profile">{t('desk.nav.profile')}</a>
                </li>
                <li>
                  <a href="/desk/two-factor">{t('desk.nav.twoFactor')}</a>
                </li>
                <li>
                  <a href="/">{t('desk.nav.site')}</a>
                </li>
              </ul>
            </nav>
          )}
          {user && (
            <div class="desk-who">
              <span>
                {user.name} ({user.role})
              </span>
              <form method="post" action="/desk/logout" class="inline">
                <CsrfField token={props.csrf} />
                <button type="submit">{t('desk.nav.signOut')}</button>
              </form>
            </div>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A message box: errors, confirmations and warnings, announced to screen readers. */
export function Notice(props: { kind: 'error' | 'ok' | 'warn'; children?: Child }) {
  return (
    <p class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}

/** A table's header row: column names as column headers (for screen readers' table navigation). */
export function TableHead(props: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) => (
          <th scope="col">{c}</th>
        ))}
      </tr>
    </thead>
  );
}
