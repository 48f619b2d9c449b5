// Progressive enhancement for the reader site. Everything works without it.
// The words it shows come from the page (ui/script-words.ts): the edition's catalogue, as JSON in <body data-site-words>.
const siteWords = (() => {
  let words = {};
  try {
    words = JSON.parse(document.body.getAttribute('data-site-words') || '{}');
  } catch {
    // Unreadable words (never rendered so): texts are empty, counts show the number.
  }
  const rules = new Intl.PluralRules(document.documentElement.lang || 'en');
  return {
    text: (name) => (typeof words[name] === 'string' ? words[name] : ''),
    /** A counted message: the form the page's language uses for n (one, few, many, other…), with n put in. */
    count(name, n) {
      const forms = words[name] || {};
      const form = forms[rules.select(n)] ?? forms.other;
      return typeof form === 'string' ? form.replace('{{count}}', String(n)) : String(n);
    },
  };
})();

// "Show More": fetch the next page (the same URL the link points to) and append its items in place.
(() => {
  function enhanceShowMore(root) {
    root.addEventListener('click', async (ev) => {
      const link = ev.target instanceof Element ? ev.target.closest('[data-show-more]') : null;
      if (!link || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      const feed = link.closest('[data-feed]');
      const list = feed?.querySelector('[data-feed-items]');
      if (!list) return;
      ev.preventDefault();
      if (link.getAttribute('aria-busy') === 'true') return;
      link.setAttribute('aria-busy', 'true');
      const label = link.textContent;
      link.textContent = siteWords.text('loading');
      try {
        const res = await fetch(link.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const nextFeed = doc.querySelectorAll('[data-feed]');
        // The page's main listing is the first feed; a story page's News Feed block is its only one.
        const source = nextFeed[0];
        const items = source ? source.querySelectorAll('[data-feed-items] > li') : [];
        const seen = new Set(Array.prototype.map.call(list.children, (li) => li.getAttribute('data-story-id')));
        let first = null;
        items.forEach((li) => {
          if (seen.has(li.getAttribute('data-story-id'))) return;
          const node = document.importNode(li, true);
          list.appendChild(node);
          if (!first) first = node;
        });
        const nextLink = source?.querySelector('[data-show-more]');
        if (nextLink) {
          link.href = nextLink.getAttribute('href');
          link.textContent = label;
          link.removeAttribute('aria-busy');
        } else {
          link.parentElement.remove();
        }
        if (first) {
          const a = first.querySelector('h2 a, h3 a');
          if (a) a.focus({ preventScroll: true });
        }
      } catch {
        // Fall back to an ordinary page load.
        window.location.href = link.href;
      }
    });
  }
  enhanceShowMore(document);
})();

// Live updates for the reader site (progressive enhancement: without it, reloading shows the same).
// One EventSource per page: the News Feed (new stories wait behind a "N new stories" button, updated
// headlines change in place, unpublished stories vanish), the breaking-news banner, and on a live blog
// its entries. Every HTML fragment comes from the server's own components, already escaped.
(() => {
  const slot = document.getElementById('banner-slot');
  if (!slot || !window.EventSource) return;
  const since = slot.getAttribute('data-live-since') || '';
  // The stream of the page's own edition: its story events only (and the banner and live blogs).
  const url = slot.getAttribute('data-live-url') || '/live/feed';
  const feed = document.querySelector('[data-live-feed]');
  const blog = document.querySelector('[data-live-blog]');
  const blogId = blog ? blog.getAttribute('data-live-blog') : null;
  let pending = []; // cards of new stories the reader has not revealed yet, oldest first
  let notice = null;

  function fragment(html) {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  function byId(root, attr, id) {
    return root ? root.querySelector(`[${attr}="${String(id).replace(/[^0-9]/g, '')}"]`) : null;
  }
  function feedList() {
    let list = feed.querySelector('[data-feed-items]');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'cards';
      list.setAttribute('data-feed-items', '');
      list.setAttribute('aria-label', siteWords.text('latest'));
      const empty = feed.querySelector('.empty');
      if (empty) empty.remove();
      feed.insertBefore(list, feed.firstChild);
    }
    return list;
  }
  // Cards come rendered with an h2 headline; the News Feed block under a story uses h3.
  function card(html) {
    const li = fragment(html);
    const h = li?.querySelector('.card-headline');
    if (h && feed.closest('.news-feed') && h.tagName !== 'H3') {
      const h3 = document.createElement('h3');
      h3.className = h.className;
      while (h.firstChild) h3.appendChild(h.firstChild);
      h.replaceWith(h3);
    }
    return li;
  }
  function updateNotice() {
    if (pending.length === 0) {
      if (notice) notice.remove();
      notice = null;
      return;
    }
    if (!notice) {
      notice = document.createElement('p');
      notice.className = 'live-notice';
      notice.setAttribute('role', 'status');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button new-notice';
      button.addEventListener('click', reveal);
      notice.appendChild(button);
      feed.insertBefore(notice, feed.firstChild);
    }
    notice.firstChild.textContent = siteWords.count('newStories', pending.length);
  }
  function reveal() {
    const list = feedList();
    let first = null;
    pending.forEach((li) => {
      list.insertBefore(li, list.firstChild);
      first = li;
    });
    pending = [];
    updateNotice();
    const link = first?.querySelector('.card-headline a');
    if (link) link.focus({ preventScroll: true });
    list.scrollIntoView({ block: 'start' });
  }
  function pendingIndex(id) {
    for (let i = 0; i < pending.length; i++) if (pending[i].getAttribute('data-story-id') === String(id)) return i;
    return -1;
  }
  function onStory(d) {
    if (!feed) return;
    const shown = byId(feed, 'data-story-id', d.storyId);
    const i = pendingIndex(d.storyId);
    if (d.type === 'story.unpublished') {
      if (shown) shown.remove();
      if (i >= 0) pending.splice(i, 1);
    } else if (shown) {
      shown.replaceWith(card(d.html));
    } else if (i >= 0) {
      pending[i] = card(d.html);
    } else if (d.type === 'story.published') {
      pending.push(card(d.html));
    }
    updateNotice();
  }
  function setLive(id, live) {
    document.querySelectorAll(`[data-story-id="${String(id).replace(/[^0-9]/g, '')}"] .label`).forEach((label) => {
      let span = label.querySelector('.live');
      if (!live && span) span.remove();
      if (live && !span) {
        span = document.createElement('span');
        span.className = 'live';
        span.textContent = siteWords.text('live');
        label.insertBefore(span, label.firstChild);
      }
    });
    if (blog && blogId === String(id)) {
      const status = blog.querySelector('[data-liveblog-status]');
      if (status) status.textContent = live ? siteWords.text('liveNow') : siteWords.text('liveEnded');
    }
  }
  // Pinned entries stay on top; the rest are newest first.
  function placeEntry(li) {
    const list = blog.querySelector('[data-entries]');
    const empty = blog.querySelector('[data-no-entries]');
    if (empty) empty.remove();
    const pinned = li.getAttribute('data-pinned') === '1';
    const created = Number(li.getAttribute('data-created'));
    let before = null;
    for (let n = list.firstElementChild; n; n = n.nextElementSibling) {
      const nPinned = n.getAttribute('data-pinned') === '1';
      if (pinned ? true : !nPinned && Number(n.getAttribute('data-created')) <= created) {
        before = n;
        break;
      }
    }
    list.insertBefore(li, before);
  }
  function onEntry(d) {
    if (!blog || String(d.storyId) !== blogId) return;
    const old = byId(blog, 'data-entry-id', d.entryId);
    if (old) old.remove();
    if (d.type !== 'entry.deleted') placeEntry(fragment(d.html));
  }

  function setBanner(html) {
    slot.textContent = '';
    const b = html ? fragment(html) : null;
    if (b) slot.appendChild(b);
  }

  const source = new EventSource(
    `${url}?since=${encodeURIComponent(since)}${blogId ? `&blog=${encodeURIComponent(blogId)}` : ''}`,
  );
  source.onmessage = (ev) => {
    let d;
    try {
      d = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (d.type === 'story.published' || d.type === 'story.updated' || d.type === 'story.unpublished') onStory(d);
    else if (d.type === 'entry.added' || d.type === 'entry.updated' || d.type === 'entry.deleted') onEntry(d);
    else if (d.type === 'liveblog.ended' || d.type === 'liveblog.reopened')
      setLive(d.storyId, d.type === 'liveblog.reopened');
    else if (d.type === 'banner.updated') setBanner(d.html);
    else if (d.type === 'reload') {
      // Too much changed while this page was away: refresh the banner, offer (never force) a reload.
      setBanner(d.banner);
      if (feed) {
        pending = [];
        updateNotice();
        const again = document.createElement('p');
        again.className = 'live-notice';
        const link = document.createElement('a');
        link.className = 'button new-notice';
        link.href = window.location.href;
        link.textContent = siteWords.text('reload');
        again.appendChild(link);
        feed.insertBefore(again, feed.firstChild);
      }
    }
  };
  window.addEventListener('pagehide', () => {
    source.close();
  });
})();

// The signed-in reader's state. Pages are the same HTML for everyone (and cached so); what is personal comes from
// /account/state.json (never cached), asked only when the bs_reader_on cookie says there is a session. The header's
// "Sign in" link becomes "Account"; other scripts (comment forms) read the state from window.broadsheetReader.
(() => {
  const link = document.querySelector('[data-account-link]');
  const signedIn = document.cookie.split(';').some((c) => c.trim() === 'bs_reader_on=1');
  const none = { signedIn: false };
  if (!link || !signedIn) {
    window.broadsheetReader = Promise.resolve(none);
    return;
  }
  window.broadsheetReader = fetch(link.getAttribute('data-state-url') || '/account/state.json', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
    .then((res) => (res.ok ? res.json() : none))
    .catch(() => none)
    .then((state) => {
      if (state?.signedIn) {
        link.textContent = siteWords.text('account') || link.textContent;
        if (typeof state.account === 'string' && state.account.startsWith('/'))
          link.setAttribute('href', state.account);
        link.setAttribute('data-signed-in', '');
      }
      return state;
    });
})();
