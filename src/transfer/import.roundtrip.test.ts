import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { ghostExport } from '../../test/support/ghost-export.gen.js';
import { truncateText } from '../document/excerpt.js';
import { countWords } from '../document/reading-time.js';
import { exportNewsroom } from './export.service.js';
import { formatReport } from './import.report.js';
import { importFile } from './import.service.js';
import type { ImportReport } from './source.model.js';

type Row = Record<string, unknown>;
type Src = Record<string, unknown> & { id: string };

const POSTS = 1000;
/** Ghost 6 writes UTC without a zone. */
const utc = (v: unknown) => (typeof v === 'string' ? Date.parse(`${v.replace(' ', 'T')}Z`) : null);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The text of a Lexical node and its children. */
const lexicalText = (node: unknown): string[] => {
  const n = node as { text?: string; children?: unknown[] };
  return typeof n.text === 'string' ? [n.text] : (n.children ?? []).flatMap(lexicalText);
};

/** A caption as Broadsheet keeps it: text, with a closing "Photo: …" moved to the credit. */
const captionOf = (html: unknown) => {
  const text = str(html).replace(/<[^>]+>/g, '');
  const m = /^(.*?)\s+Photo: (.+)$/.exec(text);
  return m ? { caption: m[1]!, credit: m[2]! } : { caption: text, credit: '' };
};

/**
 * The importer's round trip on a generated Ghost 6 export of 1,000 posts (pages among them): imported, then read
 * back through a Broadsheet export, every field Broadsheet models is compared with the source, story by story
 * and field by field — and what it does not model is in the report, counted exactly.
 */
for (const dialect of DIALECTS) {
  describe(`Ghost 6 round trip, ${POSTS} posts, field by field (${dialect})`, () => {
    let env: TestEnv;
    let source: Record<string, Src[]>;
    let tables: Record<string, Row[]>;
    let report: ImportReport;

    before(async () => {
      env = await createTestEnv(dialect);
      const text = ghostExport(POSTS, { ghost6: true });
      source = JSON.parse(text).db[0].data;
      const file = join(env.dir, 'ghost6.json');
      writeFileSync(file, text);
      report = await importFile(env.deps, 'ghost', file);
      tables = (await exportNewsroom(env.deps)).tables;
    });
    after(() => env.close());

    const byId = <T extends Row>(rows: T[], key = 'id') => new Map(rows.map((r) => [String(r[key]), r]));
    const mapped = (kind: string) =>
      new Map(
        tables
          .import_map!.filter((m) => m.source === 'ghost' && m.kind === kind)
          .map((m) => [String(m.source_id), Number(m.target_id)]),
      );

    test('every story keeps every modelled field', () => {
      const stories = byId(tables.stories!);
      const storyOf = mapped('story');
      const authorSlug = new Map(tables.authors!.map((a) => [Number(a.id), a.slug]));
      const tagSlug = new Map(tables.tags!.map((t) => [Number(t.id), t.slug]));
      const sectionSlug = new Map(tables.sections!.map((s) => [Number(s.id), s.slug]));
      const meta = byId(source.posts_meta!, 'post_id');
      const pending = new Map<string, Row>();
      for (const p of tables.pending_media!) pending.set(`${p.target_kind}:${p.target_id}:${p.role}`, p);
      const redirects = new Map(tables.redirects!.map((r) => [String(r.path), r]));
      const tagsOfPost = new Map<string, string[]>();
      for (const pt of source.posts_tags!)
        tagsOfPost.set(String(pt.post_id), [...(tagsOfPost.get(String(pt.post_id)) ?? []), String(pt.tag_id)]);
      const authorsOfPost = new Map<string, string[]>();
      for (const pa of source.posts_authors!)
        authorsOfPost.set(String(pa.post_id), [...(authorsOfPost.get(String(pa.post_id)) ?? []), String(pa.author_id)]);
      const srcTagSlug = new Map(source.tags!.map((t) => [t.id, String(t.slug)]));
      const srcUserSlug = new Map(source.users!.map((u) => [u.id, String(u.slug)]));

      let compared = 0;
      for (const p of source.posts!) {
        const id = storyOf.get(p.id);
        assert.ok(id, `${p.id} was imported`);
        const s = stories.get(String(id))!;
        const m: Row = meta.get(p.id) ?? {};
        const root = JSON.parse(str(p.lexical)).root;
        const image = (role: string) => {
          const held = pending.get(`story:${id}:${role}`);
          return held ? { src: held.source_url, alt: held.alt, caption: held.caption, credit: held.credit } : null;
        };
        const hero = p.feature_image
          ? { src: p.feature_image, alt: str(m.feature_image_alt), ...captionOf(m.feature_image_caption) }
          : null;
        const tags = (tagsOfPost.get(p.id) ?? []).map((t) => srcTagSlug.get(t)!);
        const expected = {
          kind: p.type === 'page' ? 'page' : 'story',
          slug: p.slug,
          headline: p.title,
          dek: str(p.custom_excerpt),
          excerpt: truncateText(lexicalText(root.children[0]).join(''), 280),
          status: p.status,
          published_at: utc(p.published_at),
          updated_at: utc(p.updated_at),
          created_at: utc(p.created_at),
          word_count: countWords(str(p.plaintext)),
          language: 'en',
          hero,
          hero_image_id: null,
          meta_title: str(m.meta_title),
          meta_description: str(m.meta_description),
          og_title: str(m.og_title),
          og_description: str(m.og_description),
          og_image: m.og_image ? { src: m.og_image, alt: '', caption: '', credit: '' } : null,
          twitter_title: str(m.twitter_title),
          twitter_description: str(m.twitter_description),
          twitter_image: m.twitter_image ? { src: m.twitter_image, alt: '', caption: '', credit: '' } : null,
          canonical_url: str(p.canonical_url),
          noindex: 0,
          // A post's section is its first public tag; a page shows none (it has the newsroom's first).
          section: p.type === 'page' ? null : tags[0],
          tags: [...new Set(tags)].sort(),
          authors: (authorsOfPost.get(p.id) ?? []).map((a) => srcUserSlug.get(a)),
          redirect: `/${p.slug}`,
        };
        const actual = {
          kind: s.kind,
          slug: s.slug,
          headline: s.headline,
          dek: s.dek,
          excerpt: s.excerpt,
          status: s.status,
          published_at: num(s.published_at),
          updated_at: num(s.updated_at),
          created_at: num(s.created_at),
          word_count: num(s.word_count),
          language: s.language,
          hero: image('hero'),
          hero_image_id: s.hero_image_id,
          meta_title: s.meta_title,
          meta_description: s.meta_description,
          og_title: s.og_title,
          og_description: s.og_description,
          og_image: image('og'),
          twitter_title: s.twitter_title,
          twitter_description: s.twitter_description,
          twitter_image: image('twitter'),
          canonical_url: s.canonical_url,
          noindex: num(s.noindex),
          section: p.type === 'page' ? null : sectionSlug.get(Number(s.section_id)),
          tags: tables
            .story_tags!.filter((l) => Number(l.story_id) === id)
            .map((l) => tagSlug.get(Number(l.tag_id)))
            .sort(),
          authors: tables
            .story_authors!.filter((l) => Number(l.story_id) === id)
            .sort((a, b) => Number(a.position) - Number(b.position))
            .map((l) => authorSlug.get(Number(l.author_id))),
          redirect: Number(redirects.get(`/${p.slug}`)?.target_id) === id ? `/${p.slug}` : null,
        };
        for (const field of Object.keys(expected) as (keyof typeof expected)[])
          assert.deepEqual(actual[field], expected[field], `${p.id} (${p.slug}): ${field}`);
        compared++;
      }
      assert.equal(compared, POSTS);
      assert.equal(tables.stories!.filter((s) => s.kind === 'page').length, POSTS / 100);
    });

    test('authors, tags and sections keep theirs', () => {
      const authors = byId(tables.authors!);
      const authorOf = mapped('author');
      for (const u of source.users!) {
        const a = authors.get(String(authorOf.get(u.id)))!;
        const links = [
          ...(u.website ? [{ label: 'Website', url: u.website }] : []),
          ...(u.facebook ? [{ label: 'Facebook', url: `https://www.facebook.com/${u.facebook}` }] : []),
          ...(u.twitter ? [{ label: 'X', url: `https://x.com/${str(u.twitter).slice(1)}` }] : []),
          ...(u.bluesky ? [{ label: 'Bluesky', url: `https://bsky.app/profile/${u.bluesky}` }] : []),
        ];
        assert.deepEqual(
          { slug: a.slug, name: a.name, bio: a.bio, role_title: a.role_title, links: JSON.parse(str(a.links)) },
          { slug: u.slug, name: u.name, bio: u.bio, role_title: 'Author', links },
          u.id,
        );
        const avatar = tables.pending_media!.find((p) => p.target_kind === 'author' && Number(p.target_id) === a.id);
        assert.equal(avatar?.source_url ?? null, u.profile_image ?? null, `${u.id} avatar`);
      }
      const tags = byId(tables.tags!);
      const tagOf = mapped('tag');
      const sections = byId(tables.sections!);
      const sectionOf = mapped('section');
      for (const t of source.tags!) {
        assert.deepEqual(
          {
            slug: tags.get(String(tagOf.get(t.id)))!.slug,
            name: tags.get(String(tagOf.get(t.id)))!.name,
            description: tags.get(String(tagOf.get(t.id)))!.description,
          },
          { slug: t.slug, name: t.name, description: t.description },
        );
        const section = sections.get(String(sectionOf.get(t.id)));
        if (section) assert.equal(section.description, t.description, `section ${t.slug}`);
      }
    });

    test('what is not modelled is in the report, counted exactly', () => {
      const posts = source.posts!;
      const ofKind = (kind: string, test: (p: Src) => boolean) =>
        posts.filter((p) => (p.type === 'page' ? 'page' : 'post') === kind && test(p)).length;
      for (const kind of ['post', 'page']) {
        assert.equal(
          report.skipped[kind]?.['featured: not kept (no featured slot here; imported as any other)'] ?? 0,
          ofKind(kind, (p) => p.featured === true),
          `${kind} featured`,
        );
        assert.equal(
          report.skipped[kind]?.['codeinjection_head: not imported (raw HTML and scripts)'] ?? 0,
          ofKind(kind, (p) => !!p.codeinjection_head),
          `${kind} code injection`,
        );
        assert.equal(
          report.adapted[kind]?.['times written without a zone: read as UTC, as Ghost stores them'] ?? 0,
          ofKind(kind, () => true),
        );
        assert.equal(
          report.adapted[kind]?.[
            'custom_excerpt → dek (the standfirst under the headline; the excerpt is made from the body)'
          ] ?? 0,
          ofKind(kind, (p) => !!p.custom_excerpt),
        );
      }
      assert.equal(
        report.adapted.page?.[
          'imported as a page: never listed as news (no listing, feed, search or sitemap); its own address shows it until static pages come'
        ],
        POSTS / 100,
      );
      assert.equal(
        report.adapted.post!['feature_image_caption: the credit at its end moved to the credit field']! +
          (report.adapted.page?.['feature_image_caption: the credit at its end moved to the credit field'] ?? 0),
        source.posts_meta!.filter((m) => /Photo:/.test(str(m.feature_image_caption))).length,
      );
      assert.equal(
        report.skipped.author?.['location: not kept (an author profile has no place for it)'],
        source.users!.filter((u) => u.location).length,
      );
      assert.equal(
        report.skipped.tag?.['feature_image: not kept (tag and section pages show no image)'],
        source.tags!.filter((t) => t.feature_image).length,
      );
      assert.equal(
        report.skipped.members?.['readers’ accounts are not imported here: use the members import (CSV)'],
        25,
      );
      const text = formatReport(report);
      assert.match(text, /site: 1 × navigation \(2 links: Home \/, About \/post-7\/\): not imported/);
      assert.match(text, /newsletters: 1 × newsletters are not imported/);
      assert.match(text, /products: 1 × tiers are not imported/);
    });
  });
}
