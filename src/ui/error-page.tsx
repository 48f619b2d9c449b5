import type { Chrome } from './layout.js';
import { Layout } from './layout.js';

// Rendering rule (ui/html.ts): a page put together once per request, off the hot path, so hono/jsx, escaped by the one escaper (lib/html-escape.ts).

const TITLES: Record<number, string> = {
  400: 'That request did not make sense',
  404: 'Page not found',
  413: 'That was too large',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
  503: 'Back in a moment',
};

/** The page a reader sees for an error: what happened in plain words and a way back. */
export function ErrorPage(props: { chrome: Chrome; status: number; message: string }) {
  const title = TITLES[props.status] ?? 'Something went wrong';
  return (
    <Layout chrome={props.chrome} title={title}>
      <section class="error-page">
        <h1 class="page-title">{title}</h1>
        <p>{props.message}</p>
        <p>
          <a class="button" href="/">
            Go to the News Feed
          </a>
        </p>
      </section>
    </Layout>
  );
}
