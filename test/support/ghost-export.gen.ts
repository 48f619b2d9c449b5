/**
 * A big synthetic Ghost export (Lexical bodies, tags, co-authors, bookmarks between posts, remote images)
 * for the import benchmark and tests. Deterministic: the same count and options give the same file.
 *
 * By default a Ghost 5 export of posts only, as the benchmark has always imported. `{ ghost6: true }` makes what a
 * Ghost 6 site exports: zone-less times ("2024-03-18 00:00:00", UTC), the plain text of each post, posts_meta with
 * search and social fields, custom excerpts, feature images with captions and credits, canonical URLs, featured
 * posts, code injection, pages (every 100th), authors with social handles and locations, tags with descriptions
 * and images, the site's navigation, members, tiers and newsletters.
 */
const WORDS =
  'harbour council river tram ferry market bridge winter budget school clinic festival library station mill valley rain road vote choir lamp stone field'.split(
    ' ',
  );

export function ghostExport(posts: number, opts: { ghost6?: boolean } = {}): string {
  const v6 = opts.ghost6 ?? false;
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, word).join(' ');
    return `${w[0]!.toUpperCase()}${w.slice(1)}.`;
  };
  const text = (t: string, format = 0) => ({
    type: 'extended-text',
    text: t,
    format,
    detail: 0,
    mode: 'normal',
    style: '',
    version: 1,
  });
  const users = Array.from({ length: 12 }, (_, i) => ({
    id: `u${i}`,
    name: `Writer ${i}`,
    slug: `writer-${i}`,
    email: `w${i}@example.org`,
    bio: sentence(12),
    profile_image: v6 && i % 3 === 0 ? `https://cdn.example.net/avatars/${i}.jpg` : null,
    website: v6 && i % 2 === 0 ? `https://writer-${i}.example.org` : null,
    ...(v6
      ? {
          location: i % 4 === 0 ? 'Odesa' : null,
          twitter: i % 3 === 1 ? `@writer${i}` : null,
          facebook: i % 5 === 0 ? `writer.${i}` : null,
          bluesky: i % 6 === 2 ? `writer${i}.bsky.social` : null,
        }
      : {}),
  }));
  const tags = Array.from({ length: 30 }, (_, i) => ({
    id: `t${i}`,
    name: `Topic ${i}`,
    slug: `topic-${i}`,
    description: sentence(6),
    visibility: 'public',
    ...(v6 ? { feature_image: i % 7 === 0 ? `https://cdn.example.net/tags/${i}.jpg` : null } : {}),
  }));
  /** "2024-03-18 00:00:00": how Ghost 6 writes times (UTC, no zone). */
  const when = (ms: number) =>
    v6 ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : new Date(ms).toISOString();
  const meta: unknown[] = [];
  const rows: unknown[] = [];
  const postsTags: unknown[] = [];
  const postsAuthors: unknown[] = [];
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < posts; i++) {
    const children: unknown[] = [
      {
        type: 'paragraph',
        version: 1,
        children: [text(`${sentence(14)} `), text(sentence(4), 1), text(` ${sentence(18)}`)],
      },
      { type: 'extended-heading', tag: 'h2', version: 1, children: [text(sentence(5))] },
      {
        type: 'paragraph',
        version: 1,
        children: [
          text(sentence(30)),
          { type: 'link', url: 'https://example.org/source', version: 1, children: [text('source')] },
        ],
      },
      {
        type: 'list',
        listType: 'bullet',
        version: 1,
        children: [
          { type: 'listitem', children: [text(sentence(6))] },
          { type: 'listitem', children: [text(sentence(7))] },
        ],
      },
      { type: 'paragraph', version: 1, children: [text(sentence(40))] },
    ];
    if (i % 10 === 3)
      children.push({
        type: 'image',
        version: 1,
        src: `https://cdn.example.net/${i}.jpg`,
        alt: sentence(4),
        caption: sentence(6),
      });
    if (i > 5 && i % 4 === 0)
      children.push({
        type: 'bookmark',
        version: 1,
        url: `__GHOST_URL__/post-${i - 5}/`,
        metadata: { title: 'Earlier' },
      });
    const at = when(start + i * 3_600_000);
    const page = v6 && i % 100 === 7;
    const plain = (node: unknown): string[] => {
      const n = node as { text?: string; children?: unknown[]; type?: string };
      if (typeof n.text === 'string') return [n.text];
      return (n.children ?? []).flatMap(plain);
    };
    rows.push({
      id: `p${i}`,
      title: sentence(8),
      slug: `post-${i}`,
      type: page ? 'page' : 'post',
      status: i % 50 === 0 ? 'draft' : 'published',
      visibility: 'public',
      lexical: JSON.stringify({ root: { type: 'root', version: 1, children } }),
      html: null,
      mobiledoc: null,
      feature_image: v6 && i % 3 === 0 ? `https://cdn.example.net/features/${i}.jpg` : null,
      custom_excerpt: v6 && i % 2 === 0 ? sentence(10) : null,
      published_at: at,
      updated_at: v6 ? when(start + i * 3_600_000 + 90_000) : at,
      created_at: v6 ? when(start + i * 3_600_000 - 600_000) : at,
      ...(v6
        ? {
            plaintext: children.flatMap(plain).join(' '),
            featured: i % 9 === 0,
            canonical_url: i % 25 === 0 ? `https://elsewhere.example.com/${i}` : null,
            codeinjection_head: i % 40 === 0 ? '<script>track()</script>' : null,
            codeinjection_foot: null,
          }
        : {}),
    });
    if (v6)
      meta.push({
        id: `m${i}`,
        post_id: `p${i}`,
        meta_title: i % 4 === 0 ? sentence(6) : null,
        meta_description: i % 4 === 1 ? sentence(16) : null,
        og_image: i % 5 === 0 ? `https://cdn.example.net/og/${i}.jpg` : null,
        og_title: i % 5 === 0 ? sentence(5) : null,
        og_description: i % 5 === 0 ? sentence(12) : null,
        twitter_image: i % 11 === 0 ? `https://cdn.example.net/tw/${i}.jpg` : null,
        twitter_title: i % 11 === 0 ? sentence(5) : null,
        twitter_description: i % 11 === 0 ? sentence(9) : null,
        feature_image_alt: i % 3 === 0 ? sentence(5) : null,
        feature_image_caption:
          i % 3 === 0
            ? i % 2 === 0
              ? `${sentence(7)} Photo: <a href="https://x.example">Writer ${i % 12}</a>`
              : sentence(7)
            : null,
        email_subject: null,
      });
    postsTags.push(
      { id: `pt${i}a`, post_id: `p${i}`, tag_id: `t${i % 30}`, sort_order: 0 },
      { id: `pt${i}b`, post_id: `p${i}`, tag_id: `t${(i * 7) % 30}`, sort_order: 1 },
    );
    postsAuthors.push({ id: `pa${i}`, post_id: `p${i}`, author_id: `u${i % 12}`, sort_order: 0 });
    if (i % 5 === 0)
      postsAuthors.push({ id: `pb${i}`, post_id: `p${i}`, author_id: `u${(i + 1) % 12}`, sort_order: 1 });
  }
  const data = {
    posts: rows,
    tags,
    users,
    posts_tags: postsTags,
    posts_authors: postsAuthors,
    roles: [{ id: 'r', name: 'Author' }],
    roles_users: users.map((u) => ({ id: `ru${u.id}`, role_id: 'r', user_id: u.id })),
    posts_meta: meta,
    ...(v6
      ? {
          settings: [
            { id: 's1', key: 'title', value: 'Generated Gazette' },
            { id: 's2', key: 'locale', value: 'en' },
            {
              id: 's3',
              key: 'navigation',
              value: JSON.stringify([
                { label: 'Home', url: '__GHOST_URL__/' },
                { label: 'About', url: '__GHOST_URL__/post-7/' },
              ]),
            },
          ],
          members: Array.from({ length: 25 }, (_, i) => ({ id: `mem${i}`, email: `reader${i}@example.org` })),
          products: [{ id: 'free', name: 'Free' }],
          newsletters: [{ id: 'n1', name: 'Daily' }],
        }
      : {}),
  };
  return JSON.stringify({ db: [{ meta: { exported_on: start, version: v6 ? '6.3.0' : '5.80.0' }, data }] });
}
