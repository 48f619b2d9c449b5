import { z } from 'zod';
import { type JobHandler, defineJob } from '../jobs/job.types.js';
import { type StoryDeps, runDuePublications } from './story.service.js';

/** The recurring job that publishes scheduled stories and applies scheduled updates when they fall due. */
export const PUBLISH_DUE = 'stories.publish-due';

/**
 * Scheduled publishing on the job runner: one recurring job, every `everyMs` (15 s by default, so a story
 * goes live within its minute). The schedule itself stays where it is, on the story (status `scheduled`,
 * `published_at`) and in story_pending, so rescheduling or unpublishing needs no job to be found and
 * changed; the runner makes the pass durable and visible in the desk, and the conditional UPDATE in
 * runDuePublications keeps each story going live exactly once even if two passes overlap.
 */
export function publishDueJob(deps: StoryDeps, opts: { everyMs?: number } = {}): JobHandler<Record<string, unknown>> {
  return defineJob({
    kind: PUBLISH_DUE,
    payload: z.object({}).passthrough(),
    everyMs: opts.everyMs ?? 15_000,
    retryBaseMs: 5_000,
    // A pass publishes at most 100 stories; give it time before another runner takes it over.
    leaseMs: 5 * 60_000,
    async run() {
      await runDuePublications(deps);
    },
  });
}
