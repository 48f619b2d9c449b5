import type {
  Author,
  Section,
  StoryComment,
  StoryCommentsMode,
  StoryPending,
  StoryStatus,
  Tag,
  User,
} from '../db/database.js';
import type { StoryNoteView } from './story-notes.js';
import { formatTime } from '../ui/time.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { documentToMarkdown } from '../document/markdown.export.js';
import { toLocalInput } from '../desk/desk.http.js';
import type { Snapshot } from './story-edit.service.js';
import { SLUG_PATTERN } from './slug.js';
import { CANONICAL_URL_MAX, SEO_DESCRIPTION_MAX, SEO_TITLE_MAX } from './story.input.js';
import { t as dt } from '../desk/desk-words.js';
import type { Edition } from '../editions/edition.js';
import type { EditorTranslations } from './story-editor.data.js';
import { t } from '../desk/desk-words.js';

/** Everything the editor page shows. */
export interface EditorPageProps {
  user: User;
  csrf: string;
  tz: string;
  now: number;
  /** Null for a new story. */
  storyId: number | null;
  status: StoryStatus | null;
  revision: number;
  snapshot: Snapshot;
  publishedAt: number | null;
  approved: boolean;
  sections: Section[];
  authors: Author[];
  tags: Tag[];
  /** The newsroom's editions, primary first. */
  editions: Edition[];
  /** The story's language (for a new one, the one chosen, the primary edition's by default). */
  language: string;
  /** The story's translations and the source it translates; null for a new story. */
  translations: EditorTranslations | null;
  comments: StoryComment[];
  notes: StoryNoteView[];
  pending: StoryPending[];
  others: { name: string }[];
  can: { edit: boolean; submit: boolean; review: boolean; publish: boolean; translate: boolean };
  /** Readers' comments on the story (not the review comments above): its own mode, for those who moderate. */
  readerComments?: { mode: StoryCommentsMode; siteEnabled: boolean };
  error?: string;
  info?: string;
  /** Markdown the writer typed (kept when a no-JS save fails, so nothing typed is lost). */
  markdown?: string;
}

const BYLINE_SLOTS = 4;
const TRANSLATOR_SLOTS = 2;

/** An edition's language as the desk names it: "Українська (uk)". */
const languageName = (editions: readonly Edition[], code: string) => {
  const e = editions.find((x) => x.code === code);
  return e ? `${e.name} (${code})` : code;
};
const STATUS_LABEL: Record<StoryStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
};

function Field(props: { id: string; label: string; hint?: string; children?: unknown }) {
  return (
    <div>
      <label for={props.id}>
        {props.label} {props.hint && <span class="hint">{props.hint}</span>}
      </label>
      {props.children}
    </div>
  );
}

/**
 * The story's search and social settings, folded until one is written: titles and descriptions for search results
 * and social cards, their images, a canonical URL and noindex (each empty: the default).
 */
function SeoFields({ s }: { s: Snapshot }) {
  const written =
    s.metaTitle ||
    s.metaDescription ||
    s.ogTitle ||
    s.ogDescription ||
    s.ogImageId !== null ||
    s.twitterTitle ||
    s.twitterDescription ||
    s.twitterImageId !== null ||
    s.canonicalUrl ||
    s.noindex;
  const text = (name: string, label: string, value: string, max: number, hint?: string) => (
    <Field id={name} label={label} hint={hint}>
      <input type="text" id={name} name={name} maxlength={max} value={value} />
    </Field>
  );
  const area = (name: string, label: string, value: string) => (
    <Field id={name} label={label}>
      <textarea id={name} name={name} maxlength={SEO_DESCRIPTION_MAX} rows={2}>
        {value}
      </textarea>
    </Field>
  );
  const image = (name: string, label: string, value: number | null) => (
    <Field id={name} label={label} hint={dt('desk.seo.imageHint')}>
      <input type="number" id={name} name={name} min={1} value={value === null ? '' : String(value)} />
    </Field>
  );
  return (
    <details class="seo-fields" open={Boolean(written)}>
      <summary>{dt('desk.seo.legend')}</summary>
      <fieldset>
        <legend>{dt('desk.seo.legend')}</legend>
        <p class="hint">{dt('desk.seo.intro')}</p>
        {text('meta_title', dt('desk.seo.metaTitle'), s.metaTitle, SEO_TITLE_MAX, dt('desk.seo.metaTitleHint'))}
        {area('meta_description', dt('desk.seo.metaDescription'), s.metaDescription)}
        <div class="row">
          {text('og_title', dt('desk.seo.ogTitle'), s.ogTitle, SEO_TITLE_MAX, dt('desk.seo.ogTitleHint'))}
          {image('og_image_id', dt('desk.seo.ogImage'), s.ogImageId)}
        </div>
        {area('og_description', dt('desk.seo.ogDescription'), s.ogDescription)}
        <div class="row">
          {text(
            'twitter_title',
            dt('desk.seo.twitterTitle'),
            s.twitterTitle,
            SEO_TITLE_MAX,
            dt('desk.seo.twitterHint'),
          )}
          {image('twitter_image_id', dt('desk.seo.twitterImage'), s.twitterImageId)}
        </div>
        {area('twitter_description', dt('desk.seo.twitterDescription'), s.twitterDescription)}
        <Field id="canonical_url" label={dt('desk.seo.canonicalUrl')} hint={dt('desk.seo.canonicalHint')}>
          <input
            type="url"
            id="canonical_url"
            name="canonical_url"
            maxlength={CANONICAL_URL_MAX}
            value={s.canonicalUrl}
          />
        </Field>
        <div>
          <label for="noindex">
            <input type="checkbox" id="noindex" name="noindex" value="1" checked={s.noindex} /> {dt('desk.seo.noindex')}
          </label>
        </div>
      </fieldset>
    </details>
  );
}

/** One small form posting an action on the story (each is its own form: forms cannot nest). */
function ActionForm(props: {
  id: number;
  action: string;
  csrf: string;
  label: string;
  kind?: 'secondary' | 'danger';
  children?: unknown;
}) {
  return (
    <form method="post" action={`/desk/stories/${props.id}/${props.action}`} class="stack">
      <CsrfField token={props.csrf} />
      {props.children}
      <div>
        <button type="submit" class={props.kind}>
          {props.label}
        </button>
      </div>
    </form>
  );
}

/** The story's language, its translations (each with its status) and the forms to translate it or move it. */
function TranslationsPanel(p: EditorPageProps & { storyId: number; translations: EditorTranslations }) {
  const id = p.storyId;
  const { members } = p.translations;
  const taken = new Set([p.language, ...members.map((m) => m.language)]);
  const open = p.editions.filter((e) => !taken.has(e.code));
  return (
    <div class="panel" id="translations">
      <h2>Language and translations</h2>
      <p>
        Written in <strong lang={p.language}>{languageName(p.editions, p.language)}</strong>
      </p>
      {members.length > 0 ? (
        <ul class="translations">
          {members.map((m) => (
            <li data-language={m.language}>
              <span class="muted">{languageName(p.editions, m.language)}:</span>{' '}
              <a href={`/desk/stories/${m.id}/edit`} lang={m.language}>
                {m.headline}
              </a>{' '}
              <span class={`status status-${m.status}`}>{STATUS_LABEL[m.status]}</span>
            </li>
          ))}
        </ul>
      ) : (
        p.editions.length > 1 && <p class="muted">No translations yet.</p>
      )}
      {p.can.translate && open.length > 0 && (
        <ActionForm id={id} action="translate" csrf={p.csrf} label="Translate this story" kind="secondary">
          <Field id="translate-language" label="Into">
            <select id="translate-language" name="language" required>
              {open.map((e) => (
                <option value={e.code}>{languageName(p.editions, e.code)}</option>
              ))}
            </select>
          </Field>
          <Field
            id="translate-headline"
            label="Headline in that language"
            hint="optional; this one is copied otherwise"
          >
            <input type="text" id="translate-headline" name="headline" maxlength={300} />
          </Field>
        </ActionForm>
      )}
      {p.can.edit && open.length > 0 && (
        <details>
          <summary>Change language</summary>
          <ActionForm id={id} action="language" csrf={p.csrf} label="Move to this language" kind="secondary">
            <Field id="story-language" label="Language">
              <select id="story-language" name="language" required>
                {open.map((e) => (
                  <option value={e.code}>{languageName(p.editions, e.code)}</option>
                ))}
              </select>
            </Field>
          </ActionForm>
        </details>
      )}
    </div>
  );
}

/** The story this one translates, read only, beside the form; folds away (on a phone it sits above the form). */
function SourcePanel(p: { editions: Edition[]; source: NonNullable<EditorTranslations['source']> }) {
  const s = p.source;
  return (
    <details class="panel translation-source" open aria-label="The story this translates">
      <summary>
        Source: {languageName(p.editions, s.language)} · <a href={`/desk/stories/${s.id}/edit`}>open</a>
      </summary>
      <div class="source-text" lang={s.language}>
        <h2 class="source-headline">{s.headline}</h2>
        {s.dek && <p class="source-dek">{s.dek}</p>}
        {s.paragraphs.map((text) => (
          <p>{text}</p>
        ))}
      </div>
    </details>
  );
}

function SidePanel(p: EditorPageProps & { storyId: number }) {
  const id = p.storyId;
  return (
    <aside aria-label="Publishing and review">
      {p.translations && <TranslationsPanel {...p} translations={p.translations} />}
      <div class="panel">
        <h2>Status</h2>
        <p>
          <span class={`status status-${p.status}`}>{STATUS_LABEL[p.status ?? 'draft']}</span>
          {p.approved && p.status === 'review' && <span class="status status-published"> · approved</span>}
          {p.publishedAt !== null && p.status === 'scheduled' && <> for {formatTime(p.publishedAt, p.tz)}</>}
        </p>
        <p class="muted">
          Revision {p.revision} · <a href={`/desk/stories/${id}/revisions`}>History</a>
          {p.snapshot.kind === 'liveblog' && (
            <>
              {' · '}
              <a href={`/desk/liveblogs/${id}`}>Live-blog entries</a>
            </>
          )}
        </p>
        {p.pending.map((x) => (
          <p class="muted">
            Update (revision {x.revision}) goes live {formatTime(x.go_live_at, p.tz)}.
          </p>
        ))}
        {p.can.submit && p.status === 'draft' && (
          <ActionForm id={id} action="submit" csrf={p.csrf} label="Submit for review">
            <Field id="submit-note" label="Note to the editor" hint="optional">
              <textarea id="submit-note" name="note" maxlength={4000} rows={2}></textarea>
            </Field>
          </ActionForm>
        )}
        {p.can.review && p.status === 'review' && (
          <>
            {!p.approved && <ActionForm id={id} action="approve" csrf={p.csrf} label="Approve" kind="secondary" />}
            <ActionForm id={id} action="return" csrf={p.csrf} label="Return for changes" kind="secondary">
              <Field id="return-note" label="What needs to change">
                <textarea id="return-note" name="note" maxlength={4000} rows={2} required></textarea>
              </Field>
            </ActionForm>
          </>
        )}
        {p.can.publish && (
          <>
            <ActionForm
              id={id}
              action="publish"
              csrf={p.csrf}
              label={p.status === 'published' ? 'Publish changes now' : 'Publish now'}
            />
            <ActionForm
              id={id}
              action="schedule"
              csrf={p.csrf}
              label={p.status === 'published' ? 'Schedule these changes' : 'Schedule'}
              kind="secondary"
            >
              <Field id="schedule-at" label="Go live at" hint={`(${p.tz})`}>
                <input
                  type="datetime-local"
                  id="schedule-at"
                  name="at"
                  required
                  value={toLocalInput(p.now + 3600_000, p.tz)}
                />
              </Field>
            </ActionForm>
            {(p.status === 'published' || p.status === 'scheduled') && (
              <ActionForm id={id} action="unpublish" csrf={p.csrf} label="Unpublish" kind="danger" />
            )}
          </>
        )}
      </div>
      {p.can.publish && p.status === 'published' && (
        <div class="panel">
          <h2>Corrections and updates</h2>
          <ul>
            {p.notes.map((n) => (
              <li>
                <strong>{n.kind === 'correction' ? 'Correction:' : 'Update:'}</strong> {n.body}{' '}
                <span class="muted">{formatTime(n.at, p.tz, 'short')}</span>
              </li>
            ))}
          </ul>
          <ActionForm id={id} action="notes" csrf={p.csrf} label="Add note" kind="secondary">
            <Field id="note-kind" label="Kind">
              <select id="note-kind" name="kind">
                <option value="correction">Correction</option>
                <option value="update">Update</option>
              </select>
            </Field>
            <Field id="note-body" label="Text readers will see">
              <textarea id="note-body" name="body" maxlength={2000} rows={3} required></textarea>
            </Field>
          </ActionForm>
        </div>
      )}
      {p.readerComments && <ReaderCommentsPanel id={id} csrf={p.csrf} {...p.readerComments} />}
      <div class="panel">
        <h2>Review comments</h2>
        {p.comments.length === 0 && <p class="muted">None yet.</p>}
        <ol>
          {p.comments.map((cm) => (
            <li class={`comment comment-${cm.kind}`}>
              <strong>{cm.user_name}</strong>{' '}
              <span class="muted">
                {cm.kind !== 'comment' ? `${cm.kind} · ` : ''}
                {formatTime(cm.created_at, p.tz, 'short')}
              </span>
              {cm.body && <p>{cm.body}</p>}
            </li>
          ))}
        </ol>
        <ActionForm id={id} action="comments" csrf={p.csrf} label="Comment" kind="secondary">
          <Field id="comment-body" label="Add a comment">
            <textarea id="comment-body" name="body" maxlength={4000} rows={2} required></textarea>
          </Field>
        </ActionForm>
      </div>
    </aside>
  );
}

/** The story's readers' comments: on, closed or off, and a way to its comments in the moderation desk. */
function ReaderCommentsPanel(props: { id: number; csrf: string; mode: StoryCommentsMode; siteEnabled: boolean }) {
  const modes: StoryCommentsMode[] = ['on', 'closed', 'off'];
  return (
    <div class="panel" id="reader-comments">
      <h2>{t('desk.comments.storyPanel')}</h2>
      {!props.siteEnabled && <p class="muted">{t('desk.comments.siteOff')}</p>}
      <ActionForm
        id={props.id}
        action="reader-comments"
        csrf={props.csrf}
        label={t('desk.comments.setMode')}
        kind="secondary"
      >
        <Field id="reader-comments-mode" label={t('desk.comments.mode')}>
          <select id="reader-comments-mode" name="mode">
            {modes.map((m) => (
              <option value={m} selected={m === props.mode}>
                {t(`desk.comments.mode.${m}`)}
              </option>
            ))}
          </select>
        </Field>
      </ActionForm>
      <p>
        <a href={`/desk/comments?queue=pending&story=${props.id}`}>{t('desk.comments.moderateStory')}</a>
      </p>
    </div>
  );
}

/** The story editor: the server-rendered form (works without JavaScript) that the rich-text editor mounts into. */
export function StoryEditorPage(p: EditorPageProps) {
  const s = p.snapshot;
  const action = p.storyId === null ? '/desk/stories' : `/desk/stories/${p.storyId}`;
  const bylines = [...s.authorIds, ...Array(Math.max(0, BYLINE_SLOTS - s.authorIds.length)).fill(null)] as (
    | number
    | null
  )[];
  const translatorIds = s.translatorIds ?? [];
  const translators = [...translatorIds, ...Array(Math.max(0, TRANSLATOR_SLOTS - translatorIds.length)).fill(null)] as (
    | number
    | null
  )[];
  // Translators are credited where a story has another edition to be translated into, or already credits one.
  const showTranslators = p.storyId !== null && (p.editions.length > 1 || translatorIds.length > 0);
  const source = p.translations?.source ?? null;
  // A static page (src/pages) is written in this same editor; only the words around it say "page".
  const noun = s.kind === 'page' ? 'page' : 'story';
  return (
    <DeskLayout
      title={p.storyId === null ? `New ${noun}` : `Edit: ${s.headline}`}
      csrf={p.csrf}
      user={p.user}
      head={<script type="module" src="/desk/assets/editor.js"></script>}
    >
      <h1>{p.storyId === null ? `New ${noun}` : `Edit ${noun}`}</h1>
      {p.error && <Notice kind="error">{p.error}</Notice>}
      {p.info && <Notice kind="ok">{p.info}</Notice>}
      <p id="presence" class="notice warn" role="status" hidden={p.others.length === 0}>
        {p.others.length > 0 &&
          `Also editing this story now: ${p.others.map((o) => o.name).join(', ')}. Saves based on an older version are refused.`}
      </p>
      {!p.can.edit && p.storyId !== null && (
        <Notice kind="warn">You can read this story but your role does not let you change it now.</Notice>
      )}
      <div class={source ? 'editor-grid with-source' : 'editor-grid'}>
        {source && <SourcePanel editions={p.editions} source={source} />}
        <form
          id="story-form"
          method="post"
          action={action}
          class="stack"
          data-story-id={p.storyId === null ? '' : String(p.storyId)}
          data-revision={String(p.revision)}
        >
          <CsrfField token={p.csrf} />
          <input type="hidden" name="base_revision" value={String(p.revision)} />
          {s.kind === 'page' && <input type="hidden" name="kind" value="page" />}
          {p.storyId === null && p.editions.length > 1 && (
            <Field id="language" label="Language" hint="the edition the story is written for">
              <select id="language" name="language">
                {p.editions.map((e) => (
                  <option value={e.code} selected={e.code === p.language}>
                    {languageName(p.editions, e.code)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id="headline" label="Headline">
            <input type="text" id="headline" name="headline" required maxlength={300} value={s.headline} />
          </Field>
          <Field id="dek" label="Dek" hint="the line under the headline">
            <textarea id="dek" name="dek" maxlength={600} rows={2}>
              {s.dek}
            </textarea>
          </Field>
          <Field id="slug" label="Slug" hint="made from the headline when empty; lower-case letters, digits, hyphens">
            <input
              type="text"
              id="slug"
              name="slug"
              maxlength={120}
              pattern={SLUG_PATTERN.source.slice(1, -1)}
              value={s.slug}
            />
          </Field>
          <div class="row">
            <Field id="section_id" label="Section">
              <select id="section_id" name="section_id" required>
                {p.sections.map((sec) => (
                  <option value={String(sec.id)} selected={sec.id === s.sectionId}>
                    {sec.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="tag_ids" label="Tags">
              <select id="tag_ids" name="tag_ids" multiple size={4}>
                {p.tags.map((t) => (
                  <option value={String(t.id)} selected={s.tagIds.includes(t.id)}>
                    {t.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="new_tags" label="New tags" hint="comma-separated">
              <input type="text" id="new_tags" name="new_tags" maxlength={600} />
            </Field>
          </div>
          <fieldset>
            <legend>Bylines, in order</legend>
            <div class="row">
              {bylines.map((aid, i) => (
                <Field id={`author-${i}`} label={`Byline ${i + 1}`}>
                  <select id={`author-${i}`} name="author_ids">
                    <option value="">—</option>
                    {p.authors.map((a) => (
                      <option value={String(a.id)} selected={a.id === aid}>
                        {a.name}
                        {a.user_id === null ? ' (guest)' : ''}
                      </option>
                    ))}
                  </select>
                </Field>
              ))}
            </div>
            <Field id="guest_author" label="Add a guest byline" hint="a name without a desk account">
              <input type="text" id="guest_author" name="guest_author" maxlength={120} />
            </Field>
          </fieldset>
          {showTranslators && (
            <fieldset>
              <legend>Translated by</legend>
              <div class="row">
                {translators.map((aid, i) => (
                  <Field id={`translator-${i}`} label={`Translator ${i + 1}`}>
                    <select id={`translator-${i}`} name="translator_ids">
                      <option value="">—</option>
                      {p.authors.map((a) => (
                        <option value={String(a.id)} selected={a.id === aid}>
                          {a.name}
                          {a.user_id === null ? ' (guest)' : ''}
                        </option>
                      ))}
                    </select>
                  </Field>
                ))}
              </div>
            </fieldset>
          )}
          <Field id="excerpt" label="Excerpt" hint="leave empty to use the first paragraph">
            <textarea id="excerpt" name="excerpt" maxlength={1000} rows={2}>
              {s.excerpt ?? ''}
            </textarea>
          </Field>
          <fieldset>
            <legend>Hero image</legend>
            <div class="row">
              <Field id="hero_image_id" label="Image id" hint="from the media library">
                <input
                  type="number"
                  id="hero_image_id"
                  name="hero_image_id"
                  min={1}
                  value={s.heroImageId === null ? '' : String(s.heroImageId)}
                />
              </Field>
              <Field id="hero_alt" label="Alt text">
                <input type="text" id="hero_alt" name="hero_alt" maxlength={500} value={s.heroAlt} />
              </Field>
            </div>
            <div class="row">
              <Field id="hero_caption" label="Caption">
                <input type="text" id="hero_caption" name="hero_caption" maxlength={1000} value={s.heroCaption} />
              </Field>
              <Field id="hero_credit" label="Credit">
                <input type="text" id="hero_credit" name="hero_credit" maxlength={300} value={s.heroCredit} />
              </Field>
            </div>
          </fieldset>
          <SeoFields s={s} />
          <div>
            <span id="body-label" class="label-like">
              <strong>Body</strong>
            </span>
            <input type="hidden" name="body" value={JSON.stringify(s.body)} />
            <div id="body-editor"></div>
            <noscript>
              <label for="body_markdown">
                Body{' '}
                <span class="hint">
                  Markdown: ## heading, &gt; quote (last line “— Name” is the attribution), - list, ![alt](image:ID
                  "caption"), {'{{related:ID}}'}
                </span>
              </label>
              <textarea id="body_markdown" name="body_markdown" rows={18}>
                {p.markdown ?? documentToMarkdown(s.body)}
              </textarea>
            </noscript>
          </div>
          <div class="row">
            <div>
              <button type="submit" name="intent" value="save" disabled={!p.can.edit && p.storyId !== null}>
                Save
              </button>
            </div>
          </div>
        </form>
        {p.storyId !== null && <SidePanel {...p} storyId={p.storyId} />}
      </div>
    </DeskLayout>
  );
}
