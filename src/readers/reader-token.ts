import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token (emailed links, session cookies). */
export const newReaderToken = () => randomBytes(32).toString('base64url');
/** The stored form of a token: SHA-256 in hex. Only this is kept; the token itself is in the email or cookie. */
export const hashReaderToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** A token as we hand them out (43 base64url characters): anything else is refused before a query. */
export const READER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
