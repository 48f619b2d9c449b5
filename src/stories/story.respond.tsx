import type { Context } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { loadLiveblog } from '../live/liveblog.data.js';
import { LiveblogEntries, liveblogData } from '../live/liveblog.view.js';
import { StorySeoHead } from '../seo/seo.head.js';
import { loadChrome } from '../ui/chrome.js';
import { listingWords } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { loadStoryPage } from './story.page-data.js';
import type { StoryWithLinks } from './story.page.repo.js';
import { StoryPage } from './story.page.js';
import { storyAlternates, storyUrl } from './story.url.js';
import { editionOf } from '../editions/edition.js';
import { CommentsSlot } from '../comments/comment-slot.js';
import { commentPaths } from '../comments/comment.paths.js';
import { commentsState } from '../comments/comment.service.js';

/**
 * Answers with a published story's page (a story, a live blog or a static page: one page, one set of surrogate
 * keys), or a 301 to its own address when it was asked for at another one (another edition's prefix; a page
 * asked for under /stories/, a story asked for at the top level). The story routes and the pages' route share it.
 */
export async function respondWithStory(c: Context, deps: AppDeps, found: StoryWithLinks): Promise<Response> {
  const { story } = found;
  // A story lives in its language's edition: asked for under another prefix, it moves there.
  const editions = c.get('editions');
  const home = editionOf(editions, story.language);
  // The router's path has the edition's prefix taken off (/uk/about is /about to it).
  if (home.prefix !== c.get('edition').prefix || c.req.path !== storyUrl(story.slug, undefined, story.kind))
    return c.redirect(storyUrl(story.slug, home, story.kind), 301);
  const [chrome, data, blog, settings] = await Promise.all([
    loadChrome(deps, home),
    loadStoryPage(deps, story, found),
    story.kind === 'liveblog' ? loadLiveblog(deps, story) : null,
    deps.lookups.settings(),
  ]);
  // A live blog changes with every entry: it is streamed live, not cached.
  if (!blog) cacheFor(c, data.keys);
  // The story's own canonical address (where it was first published) when it has one.
  const ownUrl = deps.config.publicUrl + data.story.url;
  const canonical = data.story.seo.canonicalUrl || ownUrl;
  // This story and its published translations, each in its edition: every member lists the same links.
  const alternates = storyAlternates(editions, [story, ...found.translations], story.kind);
  // Called as functions, not JSX elements: both are html templates, and a JSX element would only wrap them.
  // JSON-LD links a translation to the story it was made from (the group's first), and that story to them all.
  const refOf = (t: { slug: string; language: string }) => ({
    url: deps.config.publicUrl + storyUrl(t.slug, editionOf(editions, t.language), story.kind),
    language: t.language,
  });
  const source = found.translations.find((t) => t.id === story.translation_group);
  const head = StorySeoHead({
    story: data.story,
    chrome,
    publicUrl: deps.config.publicUrl,
    canonical,
    // Entries are fragments of this page, wherever its canonical address is.
    liveblog: blog ? liveblogData(blog, ownUrl) : undefined,
    translationOf: source && refOf(source),
    translations: story.id === story.translation_group ? found.translations.map(refOf) : undefined,
  });
  const afterBody = blog && <LiveblogEntries blog={blog} tz={deps.config.timeZone} words={listingWords(chrome)} />;
  // Readers' comments load separately (their own cached fragment): the page only says where, and whether they
  // are open, by the one rule the comments' own pages follow (commentsState: the story's mode, the site's switch,
  // closing after N days). Its mode and the switch are a story and a settings event, and the close by time is
  // `comments.closed`, each of which purges the page; a comment never does. A static page has none.
  const commenting = story.kind === 'page' ? 'off' : commentsState(story, settings.comments, deps.clock());
  const comments =
    commenting === 'off'
      ? undefined
      : CommentsSlot({ paths: commentPaths(home, story.slug), open: commenting === 'open', t: chrome.t });
  return sendPage(
    c,
    StoryPage({ chrome, data, tz: deps.config.timeZone, canonical, head, afterBody, alternates, comments }),
  );
}
