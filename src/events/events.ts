/**
 * Domain events. Every write publishes one; the live feed, cache invalidation, search index
 * and webhooks subscribe. The in-process bus is the embedded mode; a cross-process transport
 * (PostgreSQL LISTEN/NOTIFY or Redis) can relay events between processes through `relay`.
 */
export type DomainEvent =
  | { type: 'story.published' | 'story.updated' | 'story.unpublished' | 'story.deleted'; id: number; actor: string; slug?: string }
  | { type: 'author.updated' | 'section.updated' | 'tag.updated' | 'settings.updated'; id: number; actor: string }
  /** A live blog changed (entry added/edited/pinned/removed, coverage ended); id is the story. Banner: id is the linked story (0 when lowered). */
  | { type: 'liveblog.updated' | 'banner.updated'; id: number; actor: string };

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

export interface EventBus {
  /** Delivers to this process's subscribers and to any relay (other processes). */
  publish(event: DomainEvent): void;
  /** Delivers to this process's subscribers only (what a relay calls when an event arrives from elsewhere). */
  deliverLocal(event: DomainEvent): void;
  subscribe(handler: EventHandler): () => void;
  /** Sets where published events go besides local subscribers. */
  setRelay(relay: ((event: DomainEvent) => void) | null): void;
}

/** Creates an in-process bus. Handler failures are reported, never thrown back at the writer. */
export function createEventBus(onHandlerError: (err: unknown, event: DomainEvent) => void = () => {}): EventBus {
  const handlers = new Set<EventHandler>();
  let relay: ((event: DomainEvent) => void) | null = null;
  const deliverLocal = (event: DomainEvent) => {
    for (const h of handlers) {
      try {
        const r = h(event);
        if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => onHandlerError(e, event));
      } catch (e) {
        onHandlerError(e, event);
      }
    }
  };
  return {
    publish(event) {
      deliverLocal(event);
      relay?.(event);
    },
    deliverLocal,
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    setRelay(r) {
      relay = r;
    },
  };
}
