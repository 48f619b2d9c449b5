/**
 * A big synthetic Ghost 5 export (Lexical bodies, tags, co-authors, bookmarks between posts, remote images)
 * for the import benchmark and tests. Deterministic: the same count gives the same file.
 */
const WORDS =
  'harbour council river tram ferry market bridge winter budget school clinic festival library station mill valley rain road vote choir lamp stone field'.split(
    ' ',
  );

export function ghostExport(posts: number): string {
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
    profile_image: null,
    website: null,
  }));
  const tags = Array.from({ length: 30 }, (_, i) => ({
    id: `t${i}`,
    name: `Topic ${i}`,
    slug: `topic-${i}`,
    description: sentence(6),
    visibility: 'public',
  }));
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
    const at = new Date(start + i * 3_600_000).toISOString();
    rows.push({
      id: `p${i}`,
      title: sentence(8),
      slug: `post-${i}`,
      type: 'post',
      status: i % 50 === 0 ? 'draft' : 'published',
      visibility: 'public',
      lexical: JSON.stringify({ root: { type: 'root', version: 1, children } }),
      html: null,
      mobiledoc: null,
      feature_image: null,
      custom_excerpt: null,
      published_at: at,
      updated_at: at,
      created_at: at,
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
    posts_meta: [],
  };
  return JSON.stringify({ db: [{ meta: { exported_on: start, version: '5.80.0' }, data }] });
}
