import { editionPath } from '../editions/edition.js';
import { catalogueLanguage } from '../i18n/catalogue.js';
import type { Chrome } from './layout.js';
import { Layout } from './layout.js';

// Rendering rule (ui/html.ts): a page put together once per request, off the hot path, so hono/jsx, escaped by the one escaper (lib/html-escape.ts).

type ErrorWords = 'badRequest' | 'notFound' | 'tooLarge' | 'tooMany' | 'internal' | 'unavailable' | 'other';

const WORDS: Record<number, ErrorWords> = {
  400: 'badRequest',
  404: 'notFound',
  413: 'tooLarge',
  429: 'tooMany',
  500: 'internal',
  503: 'unavailable',
};

/** The language AppError messages are written in (they are the JSON API's messages too). */
const ERROR_MESSAGE_LANGUAGE = 'en';

/**
 * The page a reader sees for an error, in the edition's words: what happened and a way back to the edition's
 * News Feed. `detail` is the error's own message when it says something about this request (a form field, a
 * bad cursor); it is written in English, and marked so on a page in another language.
 */
export function ErrorPage(props: { chrome: Chrome; status: number; detail?: string }) {
  const { t } = props.chrome;
  const words = WORDS[props.status] ?? 'other';
  const title = t(`error.${words}.title` as const);
  const foreign = catalogueLanguage(props.chrome.language) !== ERROR_MESSAGE_LANGUAGE;
  return (
    <Layout chrome={props.chrome} title={title}>
      <section class="error-page">
        <h1 class="page-title">{title}</h1>
        {props.detail ? (
          <p lang={foreign ? ERROR_MESSAGE_LANGUAGE : undefined}>{props.detail}</p>
        ) : (
          <p>{t(`error.${words}.text` as const)}</p>
        )}
        <p>
          <a class="button" href={editionPath(props.chrome.edition, '/')}>
            {t('error.home')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
