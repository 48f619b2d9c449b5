import type { Generated } from 'kysely';

/** A single-use recovery code of an account with two-factor sign-in (migration 151), stored as SHA-256. */
export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/** A right password waiting for its second step (its cookie's token as SHA-256). */
export interface PendingSignInTable {
  token_hash: string;
  user_id: number;
  /** 'code': give a code; 'enrol': the role requires two-factor and the account has none yet. */
  stage: 'code' | 'enrol';
  next: Generated<string>;
  created_at: number;
  expires_at: number;
}

/** One desk action: who, what, when, from where. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  /** The actor as named at the time ('Olga Owner <olga@news.test>', 'system', 'cli'). */
  actor: Generated<string>;
  /** 'sign-in.ok', 'sign-in.failed', 'story.published', 'user.role', … (AUDIT_ACTIONS). */
  action: string;
  /** What it was done to: 'story:12', 'user:3', 'webhook:2', 'settings'. */
  subject: Generated<string>;
  detail: Generated<string>;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

/** A content API key (shown once; stored as SHA-256). */
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  /** The key's first characters, shown in the desk to tell keys apart. */
  prefix: string;
  key_hash: string;
  can_preview: Generated<number>;
  /** Requests a minute this key may make. */
  per_minute: Generated<number>;
  created_by: number | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
