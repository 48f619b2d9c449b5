import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { idParam } from '../http/params.js';
import { StoryPage } from './story.page.js';
import { storyUrl } from './story.url.js';
import { loadChrome } from '../ui/chrome.js';
import { sendPage } from '../ui/render.js';
import type { DeskGuard } from '../desk/desk-guard.js';
import { loadPreview } from './story-preview.data.js';

/** The banner that makes a preview impossible to mistake for the live page. */
function PreviewNotice(props: { id: number; status: string }) {
  return (
    <div class="preview-banner" role="note" aria-label="Preview">
      <strong>Preview</strong> — this is how readers will see the last saved version ({props.status}). It is not public.{' '}
      <a href={`/desk/stories/${props.id}/edit`}>Back to the editor</a>
    </div>
  );
}

/**
 * Preview of the exact reader page (the same page data and view as /stories/:slug) from the story's saved
 * draft, whatever its status: marked as a preview, never cached, never indexed.
 */
export function previewRoutes(guard: DeskGuard) {
  return (app: Hono, deps: AppDeps) => {
    app.get('/desk/stories/:id/preview', guard.user, async (c) => {
      const [chrome, { story, data }] = await Promise.all([loadChrome(deps), loadPreview(deps, idParam(c, 'story'))]);
      c.header('Cache-Control', 'no-store');
      c.header('X-Robots-Tag', 'noindex, nofollow');
      return sendPage(
        c,
        <StoryPage
          chrome={chrome}
          data={data}
          tz={deps.config.timeZone}
          canonical={deps.config.publicUrl + storyUrl(data.story.slug, undefined, data.story.kind)}
          head={
            <>
              <meta name="robots" content="noindex, nofollow" />
              <link rel="stylesheet" href="/desk/assets/editor.css" />
            </>
          }
          notice={<PreviewNotice id={story.id} status={story.status} />}
        />,
      );
    });
  };
}
