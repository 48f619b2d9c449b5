import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { idParam } from '../http/params.js';
import { isoTime } from '../lib/iso-date.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { type JobView, listOpenJobs, retryJob } from './job.service.js';

const BASE = '/desk/jobs';
const when = (ms: number) => `${isoTime(ms).replace('T', ' ').slice(0, 19)} UTC`;

function JobRow(props: { job: JobView; csrf: string; now: number }) {
  const j = props.job;
  return (
    <tr data-job-id={String(j.id)} data-status={j.status}>
      <td>{j.id}</td>
      <td>
        <code>{j.kind}</code>
      </td>
      <td>{j.status}</td>
      <td>{t('desk.jobs.tries', { attempts: j.attempts, max: j.maxAttempts })}</td>
      <td>
        {j.status === 'queued' && (j.runAt <= props.now ? t('desk.jobs.now') : when(j.runAt))}
        {j.status === 'running' && j.lockedUntil !== null && (
          <span class="hint">{t('desk.jobs.claimedUntil', { when: when(j.lockedUntil) })}</span>
        )}
        {j.status === 'failed' && <span class="hint">{t('desk.jobs.gaveUp', { when: when(j.updatedAt) })}</span>}
      </td>
      <td>{j.lastError}</td>
      <td>
        {j.status === 'failed' && (
          <form method="post" action={`${BASE}/${j.id}/retry`} class="inline">
            <CsrfField token={props.csrf} />
            <button type="submit" class="secondary">
              {t('desk.jobs.retry')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

function JobsPage(p: {
  csrf: string;
  user: ReturnType<typeof userOf>;
  jobs: JobView[];
  counts: Record<string, number | undefined>;
  now: number;
  retried?: string;
}) {
  const count = (s: string) => p.counts[s] ?? 0;
  return (
    <DeskLayout title={t('desk.jobs.title')} csrf={p.csrf} user={p.user}>
      <h1>{t('desk.jobs.title')}</h1>
      <p>{t('desk.jobs.intro')}</p>
      {p.retried && <Notice kind="ok">{t('desk.jobs.retried', { id: p.retried })}</Notice>}
      <p class="hint">
        {t('desk.jobs.counts', {
          queued: count('queued'),
          running: count('running'),
          failed: count('failed'),
          done: count('done'),
        })}
      </p>
      {p.jobs.length === 0 ? (
        <p class="hint">{t('desk.jobs.none')}</p>
      ) : (
        <table>
          <TableHead
            columns={[
              '#',
              t('desk.jobs.kind'),
              t('desk.webhooks.status'),
              t('desk.jobs.triesColumn'),
              t('desk.jobs.nextRun'),
              t('desk.jobs.lastError'),
              '',
            ]}
          />
          <tbody>
            {p.jobs.map((j) => (
              <JobRow job={j} csrf={p.csrf} now={p.now} />
            ))}
          </tbody>
        </table>
      )}
    </DeskLayout>
  );
}

/** `/desk/jobs`: owners and admins see queued, running and failed jobs and retry failed ones. */
export function jobDeskRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('jobs.manage'));
  app.use(`${BASE}/*`, requireCan('jobs.manage'));

  app.get(BASE, async (c: Context) => {
    const { jobs, counts } = await listOpenJobs(deps.db);
    const retried = /^\d+$/.test(c.req.query('retried') ?? '') ? c.req.query('retried') : undefined;
    return sendDeskPage(
      c,
      <JobsPage
        csrf={csrfToken(c)}
        user={userOf(c)}
        jobs={jobs}
        counts={counts}
        now={deps.clock()}
        retried={retried}
      />,
    );
  });

  app.post(`${BASE}/:id/retry`, async (c) => {
    const id = idParam(c, 'job');
    await retryJob(deps, id);
    return c.redirect(`${BASE}?retried=${id}`, 303);
  });
}
