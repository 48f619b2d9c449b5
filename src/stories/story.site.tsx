import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { notFound } from '../http/errors.js';
import { slugParam } from '../http/query.js';
import { loadLiveblog } from '../live/liveblog.present.js';
import { LiveblogEntries, liveblogData } from '../live/liveblog.view.js';
import { StorySeoHead } from '../seo/seo.head.js';
import { loadChrome } from '../ui/chrome.js';
import { sendPage } from '../ui/render.js';
import { loadStoryPage } from './story.page-data.js';
import { StoryPage } from './story.page.js';
import { storyById, storyBySlug, storyIdForOldSlug } from './story.repo.js';
import { storyUrl } from './story.url.js';

/** Reader routes for stories: the story page, and 301s from old slugs. */
export function storySiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/stories/:slug', async (c) => {
    const slug = slugParam(c);
    if (!slug) throw notFound('story');
    const story = await storyBySlug(deps.db, slug);
    if (!story || story.status !== 'published') {
      const movedTo = story ? undefined : await storyIdForOldSlug(deps.db, slug);
      const moved = movedTo ? await storyById(deps.db, movedTo) : undefined;
      if (moved && moved.status === 'published') return c.redirect(storyUrl(moved.slug), 301);
      throw notFound('story');
    }
    const [chrome, data, blog] = await Promise.all([loadChrome(deps), loadStoryPage(deps, story), story.kind === 'liveblog' ? loadLiveblog(deps, story) : null]);
    const canonical = deps.config.publicUrl + storyUrl(story.slug);
    const head = <StorySeoHead story={data.story} chrome={chrome} publicUrl={deps.config.publicUrl} canonical={canonical} liveblog={blog ? liveblogData(blog, canonical) : undefined} />;
    const afterBody = blog && <LiveblogEntries blog={blog} tz={deps.config.timeZone} />;
    return sendPage(c, <StoryPage chrome={chrome} data={data} tz={deps.config.timeZone} canonical={canonical} head={head} afterBody={afterBody} />);
  });
}
