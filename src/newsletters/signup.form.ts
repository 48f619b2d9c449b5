import type { Translate } from '../i18n/catalogue.types.js';
import { type Html, html } from '../ui/html.js';

// Rendering rule (ui/html.ts): in the footer of every reader page and under every story, so an `html` template
// escaped by the one escaper.

/** A newsletter as a sign-up form offers it. */
export interface SignUpChoice {
  id: number;
  name: string;
  description: string;
  defaultOn: boolean;
  /** A daily digest's local time ("07:00"), shown on /newsletters. */
  daily: string | null;
}

/** Where a form is: it names the reader's sign-up source ('story', 'footer', 'newsletters', 'embed'). */
export type SignUpSource = 'story' | 'footer' | 'newsletters' | 'embed';

export interface SignUpFormProps {
  t: Translate;
  /** The sign-up address in the page's edition (`/uk/newsletters/sign-up`). */
  action: string;
  choices: readonly SignUpChoice[];
  source: SignUpSource;
  /** The page the form is on (a story's path), kept as the reader's sign-up detail. */
  from?: string;
  /** Long descriptions and digest times (the /newsletters page and the embed); short elsewhere. */
  detailed?: boolean;
  /** What was typed and ticked (a refused no-JS post shown again), and why it was refused. */
  values?: { email?: string; newsletters?: readonly number[] };
  error?: string;
  /** The result of a no-JS post, shown where the script would put it. */
  message?: string;
  /** The counting disclosure (on /newsletters) instead of the short privacy line. */
  disclosure?: string;
}

/**
 * The one newsletter sign-up form: an email field, a box per newsletter (the ones on by default ticked), a
 * honeypot field people never see (a bot that fills it is answered as if it worked, and nothing is sent), and a
 * message area the script fills in place (`data-signup`); without the script the post shows a page instead.
 * Signing up mails a confirmation link (double opt-in): the account is made, the lists chosen are written when
 * the link is followed.
 */
export function SignUpForm(p: SignUpFormProps): Html {
  const { t } = p;
  const id = (name: string) => `signup-${p.source}-${name}`;
  const ticked = new Set(p.values?.newsletters ?? p.choices.filter((c) => c.defaultOn).map((c) => c.id));
  // One newsletter: ticked, as the form is for it.
  const checked = (c: SignUpChoice) => ticked.has(c.id) || p.choices.length === 1;
  const boxes = p.choices.map((c) => {
    const desc = p.detailed && c.description ? html` <span class="signup-desc">${c.description}</span>` : '';
    const daily =
      p.detailed && c.daily
        ? html` <span class="signup-daily">${t('newsletters.daily', { time: c.daily })}</span>`
        : '';
    return html`<li><label>
      <input type="checkbox" name="newsletters" value="${c.id}"${checked(c) ? ' checked' : ''}/> <span class="signup-name">${c.name}</span>${desc}${daily}
    </label></li>`;
  });
  return html`<form class="signup signup-${p.source}" method="post" action="${p.action}" data-signup="">
    <fieldset>
      <legend>${t('newsletters.form.heading')}</legend>
      <ul class="signup-choices" aria-label="${t('newsletters.form.choose')}">${boxes}</ul>
      <p class="signup-row">
        <label for="${id('email')}">${t('newsletters.form.email')}</label>
        <input type="email" id="${id('email')}" name="email" required maxlength="254" autocomplete="email" value="${p.values?.email ?? ''}"/>
        <button type="submit">${t('newsletters.form.submit')}</button>
      </p>
      <p class="hp" aria-hidden="true">
        <label for="${id('website')}">${t('newsletters.form.honeypot')}</label>
        <input type="text" id="${id('website')}" name="website" tabindex="-1" autocomplete="off"/>
      </p>
      <input type="hidden" name="source" value="${p.source}"/>
      ${p.from ? html`<input type="hidden" name="from" value="${p.from}"/>` : ''}
      <p class="signup-note">${p.disclosure ?? t('newsletters.form.privacy')}</p>
      <p class="signup-message${p.error ? ' error' : ''}" role="status" aria-live="polite" data-signup-message="">${p.error ?? p.message ?? ''}</p>
    </fieldset>
  </form>`;
}
