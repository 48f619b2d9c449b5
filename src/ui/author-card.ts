import type { AuthorView } from '../authors/author.present.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { html } from './html.js';
import { Picture } from './picture.js';

// Rendering rule (ui/html.ts): a block of every story page, so an `html` template escaped by the one escaper.

/**
 * The author card under a story: avatar, name, role, short bio and a "Read more" link to the author page.
 * The link's text says whose profile it opens ("Read more about NAME"), the name visually hidden: search engines read
 * link text, not aria-label, and a screen reader's list of links needs more than "Read more".
 */
export function AuthorCard(props: { author: AuthorView; t: Translate }) {
  const { author: a, t } = props;
  return html`<section class="author-card" aria-label="${t('author.about', { name: a.name })}">
    ${a.avatar ? Picture({ image: a.avatar, alt: a.name, sizes: '72px', largest: 72, class: 'avatar' }) : ''}
    <div>
      <p class="author-name"><a href="${a.url}">${a.name}</a></p>
      ${a.roleTitle ? html`<p class="author-role">${a.roleTitle}</p>` : ''}
      ${a.shortBio ? html`<p class="author-bio">${a.shortBio}</p>` : ''}
      <a class="read-more" href="${a.url}">${t('author.readMore')}<span class="visually-hidden">${t('author.readMoreAbout', { name: a.name })}</span></a>
    </div>
  </section>`;
}
