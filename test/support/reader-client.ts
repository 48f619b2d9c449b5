import type { Reader } from '../../src/db/database.js';
import { READER_COOKIE } from '../../src/readers/reader-session.cookie.js';
import { createReaderSession } from '../../src/readers/reader-session.service.js';
import type { TestApp } from './app.js';

/** A reader's browser over app.request: their session cookie on every request, and the site's own Origin on posts. */
export interface ReaderClient {
  reader: Reader;
  cookie: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A form post from the site's own page (Origin: PUBLIC_URL). */
  postForm(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

/** Signs a reader in (a session as following their emailed link starts one) and returns a client carrying it. */
export async function readerClient(t: Pick<TestApp, 'app' | 'deps'>, reader: Reader): Promise<ReaderClient> {
  const token = await createReaderSession(t.deps, reader, 'test');
  const cookie = `${READER_COOKIE}=${token}`;
  const client: ReaderClient = {
    reader,
    cookie,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      return t.app.request(path, { ...init, headers });
    },
    postForm(path, fields, headers = {}) {
      return client.request(path, {
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: t.deps.config.publicUrl,
          ...headers,
        },
      });
    },
  };
  return client;
}
