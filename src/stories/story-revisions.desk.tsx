import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { AppError } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { formatTime } from '../ui/time.js';
import { csrfToken, userOf } from '../users/auth.middleware.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { idParam } from '../http/params.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { type DiffPart, diffRevisions, listRevisionsFor, restoreRevision } from './story-revision.service.js';
import { deskStory, workingCopy } from './story-edit.service.js';

function Diff(props: { parts: DiffPart[] }) {
  return (
    <section class="diff panel" aria-label="Changes">
      <pre>
        {props.parts.map((p) =>
          p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : <span>{p.value}</span>,
        )}
      </pre>
    </section>
  );
}

/** A story's history: every revision with who and when, a readable diff between two, and restore. */
export function deskRevisionRoutes(app: Hono, deps: AppDeps): void {
  const history = async (c: Context, refusal?: AppError) => {
    const story = await deskStory(deps.db, idParam(c, 'story'));
    const revisions = await listRevisionsFor(deps.db, story.id);
    const from = Number(c.req.query('from'));
    const to = Number(c.req.query('to'));
    const diff = c.req.query('from') !== undefined ? await diffRevisions(deps.db, story.id, from, to) : null;
    const wc = await workingCopy(deps.db, story);
    const csrf = csrfToken(c);
    return sendDeskPage(
      c,
      <DeskLayout title={`History: ${story.headline}`} csrf={csrf} user={userOf(c)}>
        <h1>History of “{wc.snapshot.headline}”</h1>
        <p>
          <a href={`/desk/stories/${story.id}/edit`}>Back to the story</a>
        </p>
        {refusal && (
          <Notice kind="error">
            {refusal.code === 'stale_revision'
              ? 'Someone saved a newer version meanwhile; nothing was restored. Try again.'
              : refusal.message}
          </Notice>
        )}
        {diff && (
          <>
            <h2>
              Changes from revision {diff.from} to {diff.to}
            </h2>
            <Diff parts={diff.parts} />
          </>
        )}
        <table>
          <TableHead columns={['Revision', 'By', 'When', 'Compare', 'Restore']} />
          <tbody>
            {revisions.map((r) => (
              <tr>
                <td>
                  {r.revision}
                  {r.kind !== 'save' ? ` (${r.kind})` : ''}
                </td>
                <td>{r.by}</td>
                <td>{formatTime(r.at, deps.config.timeZone)}</td>
                <td>
                  {r.revision > 1 && (
                    <a href={`/desk/stories/${story.id}/revisions?from=${r.revision - 1}&to=${r.revision}`}>
                      Changes from {r.revision - 1}
                    </a>
                  )}
                </td>
                <td>
                  {r.revision !== wc.revision && (
                    <form method="post" action={`/desk/stories/${story.id}/restore`} class="inline">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="revision" value={String(r.revision)} />
                      <input type="hidden" name="base_revision" value={String(wc.revision)} />
                      <button type="submit" class="secondary">
                        Restore {r.revision}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </DeskLayout>,
      refusal?.status,
    );
  };
  app.get('/desk/stories/:id/revisions', (c) => history(c));

  app.post('/desk/stories/:id/restore', async (c) => {
    const story = await deskStory(deps.db, idParam(c, 'story'));
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await restoreRevision(
          deps,
          userOf(c),
          story.id,
          Number(f.revision),
          f.base_revision === undefined ? undefined : Number(f.base_revision),
        );
        return c.redirect(`/desk/stories/${story.id}/edit?done=restore`, 303);
      },
      (err) => history(c, err),
    );
  });
}
