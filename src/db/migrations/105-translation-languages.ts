import { sql } from 'kysely';
import type { DialectMigration } from './helpers.js';

/**
 * A translation group holds one story per language, kept by the database too: two translations into the same
 * language made at the same moment (which the services' check alone lets through under PostgreSQL's read committed)
 * cannot both be stored. A group that somehow has two already keeps the older one; the later leaves the group and
 * stays a story of its own. The unique index replaces the plain one on `translation_group` (its first column). Frozen.
 */
export const m105TranslationLanguages: DialectMigration = {
  async up(db) {
    await sql`update stories set translation_group = null
      where translation_group is not null and exists (
        select 1 from stories as older
        where older.translation_group = stories.translation_group
          and older.language = stories.language and older.id < stories.id)`.execute(db);
    await db.schema
      .createIndex('stories_translation_language')
      .unique()
      .on('stories')
      .columns(['translation_group', 'language'])
      .execute();
    await db.schema.dropIndex('stories_translation_group').execute();
  },
};
