/**
 * Domain events. Every write publishes one; the live feed, cache invalidation, webhooks and the search
 * index subscribe (wired in boot.ts and main.ts). The in-process bus is the embedded mode; a cross-process
 * transport (PostgreSQL LISTEN/NOTIFY or Redis, live/relay.ts) brings other processes' events in through
 * `deliverLocal`. What a subscriber keeps in memory (caches, lookups, live streams) follows every event;
 * what it writes to the shared database (the search index) follows only this process's own (`ownOnly`),
 * so each change is written once, by the process that made it.
 */
export type DomainEvent =
  | {
      type: 'story.published' | 'story.updated' | 'story.unpublished' | 'story.deleted';
      id: number;
      actor: string;
      slug?: string;
      /** A correction or update note was added with this change (story.updated). */
      note?: 'correction' | 'update';
    }
  | { type: 'author.updated' | 'section.updated' | 'tag.updated' | 'settings.updated'; id: number; actor: string }
  /** A restore or an import rewrote the newsroom wholesale: every cached page and lookup is stale (id 0). */
  | { type: 'site.replaced'; id: number; actor: string }
  /** A live blog changed (entry added/edited/pinned/removed, coverage ended); id is the story. Banner: id is the linked story (0 when lowered). */
  | { type: 'liveblog.updated' | 'banner.updated'; id: number; actor: string }
  /** An image was deleted from the media library (id: the image); the stories that showed it publish their own events. */
  | { type: 'media.deleted'; id: number; actor: string }
  /**
   * Newsletters (src/newsletters): a newsletter defined or changed (id: the newsletter; the sign-up forms list
   * them), an issue written, scheduled, started or finished (id: the issue), a reader's subscriptions changed
   * (id: the reader).
   */
  | {
      type: 'newsletter.updated' | 'newsletter.issue.updated' | 'newsletter.subscriptions.updated';
      id: number;
      actor: string;
    }
  /**
   * A reader's comment (id: the comment) on a story (`storyId`): posted and shown at once, posted and held for
   * review, moderated (its status changed), deleted, or reported by a reader. Only the story's comments are
   * purged (`comments:<story>`), never the story's page.
   */
  | {
      type: 'comment.posted' | 'comment.held' | 'comment.moderated' | 'comment.deleted' | 'comment.reported';
      id: number;
      storyId: number;
      actor: string;
    }
  /**
   * A story's comments closed by the site's rule (`closeAfterDays` after publishing), published by the comments
   * job when that time comes (id: the story). Only the story's comments are purged (`comments:<story>`).
   */
  | { type: 'comments.closed'; id: number; actor: string }
  /** The desk stopped (or let again) a reader (id: the reader) from commenting. */
  | { type: 'reader.banned' | 'reader.unbanned'; id: number; actor: string }
  /** A reader account was created, changed (name, address, confirmation) or erased; id is the reader. No page shows it. */
  | { type: 'reader.created' | 'reader.updated' | 'reader.deleted'; id: number; actor: string }
  /** A members import created readers or newsletter choices in bulk (id 0; actor names the source). No page shows it. */
  | { type: 'readers.imported'; id: number; actor: string }
  /**
   * The desk's own accounts and wiring, for the audit log (no page shows them): an account changed (id: the user;
   * `change` says how: 'role:editor>admin', 'disabled', 'two-factor.on', …), an invite was made (id: the invite;
   * change: 'role:<role>'), a webhook was added, changed or removed (id: the webhook), content API keys.
   */
  | {
      type: 'user.updated' | 'user.invited' | 'webhook.updated' | 'api-key.updated';
      id: number;
      actor: string;
      change: string;
    }
  /** Reader revenue (src/billing): a tier defined, changed or archived (id: the tier; the pricing page lists them). */
  | { type: 'tier.updated'; id: number; actor: string }
  /**
   * A reader's membership changed (id: the reader): a subscription started, renewed, fell past due, was cancelled
   * or ended, or the desk gave complimentary access. Anything kept per reader entitlement follows it.
   */
  | { type: 'membership.updated'; id: number; actor: string }
  /** A donation was recorded (id: the donation). No page shows it. */
  | { type: 'donation.received'; id: number; actor: string };

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

export interface EventBus {
  /** Delivers to this process's subscribers and to any relay (other processes). */
  publish(event: DomainEvent): void;
  /**
   * Delivers an event that happened elsewhere (another process, through a relay or the SQLite file) to this
   * process's subscribers, except those that asked for their own events only.
   */
  deliverLocal(event: DomainEvent): void;
  /** Calls `handler` for every event, or with `ownOnly` only for those this process published. Returns unsubscribe. */
  subscribe(handler: EventHandler, opts?: { ownOnly?: boolean }): () => void;
  /** Sets where published events go besides local subscribers. */
  setRelay(relay: ((event: DomainEvent) => void) | null): void;
}

/** Creates an in-process bus. Handler failures are reported, never thrown back at the writer. */
export function createEventBus(onHandlerError: (err: unknown, event: DomainEvent) => void = () => {}): EventBus {
  const handlers = new Map<EventHandler, { ownOnly: boolean }>();
  let relay: ((event: DomainEvent) => void) | null = null;
  const deliver = (event: DomainEvent, own: boolean) => {
    for (const [h, { ownOnly }] of handlers) {
      if (ownOnly && !own) continue;
      try {
        const r = h(event);
        if (r && typeof (r as Promise<void>).catch === 'function')
          (r as Promise<void>).catch((e) => onHandlerError(e, event));
      } catch (e) {
        onHandlerError(e, event);
      }
    }
  };
  return {
    publish(event) {
      deliver(event, true);
      relay?.(event);
    },
    deliverLocal: (event) => deliver(event, false),
    subscribe(handler, opts = {}) {
      handlers.set(handler, { ownOnly: opts.ownOnly ?? false });
      return () => handlers.delete(handler);
    },
    setRelay(r) {
      relay = r;
    },
  };
}
