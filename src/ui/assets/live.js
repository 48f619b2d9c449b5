// Live updates for the reader site (progressive enhancement: without it, reloading shows the same).
// One EventSource per page: the News Feed (new stories wait behind a "N new stories" button, updated
// headlines change in place, unpublished stories vanish), the breaking-news banner, and on a live blog
// its entries. Every HTML fragment comes from the server's own components, already escaped.
(function () {
  'use strict';
  var slot = document.getElementById('banner-slot');
  if (!slot || !window.EventSource) return;
  var since = slot.getAttribute('data-live-since') || '';
  var feed = document.querySelector('[data-live-feed]');
  var blog = document.querySelector('[data-live-blog]');
  var blogId = blog ? blog.getAttribute('data-live-blog') : null;
  var pending = []; // cards of new stories the reader has not revealed yet, oldest first
  var notice = null;

  function fragment(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  function byId(root, attr, id) {
    return root ? root.querySelector('[' + attr + '="' + String(id).replace(/[^0-9]/g, '') + '"]') : null;
  }
  function feedList() {
    var list = feed.querySelector('[data-feed-items]');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'cards';
      list.setAttribute('data-feed-items', '');
      list.setAttribute('aria-label', 'Latest stories');
      var empty = feed.querySelector('.empty');
      if (empty) empty.remove();
      feed.insertBefore(list, feed.firstChild);
    }
    return list;
  }
  // Cards come rendered with an h2 headline; the News Feed block under a story uses h3.
  function card(html) {
    var li = fragment(html);
    var h = li && li.querySelector('.card-headline');
    if (h && feed.closest('.news-feed') && h.tagName !== 'H3') {
      var h3 = document.createElement('h3');
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
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button new-notice';
      button.addEventListener('click', reveal);
      notice.appendChild(button);
      feed.insertBefore(notice, feed.firstChild);
    }
    notice.firstChild.textContent = pending.length === 1 ? '1 new story' : pending.length + ' new stories';
  }
  function reveal() {
    var list = feedList();
    var first = null;
    pending.forEach(function (li) {
      list.insertBefore(li, list.firstChild);
      first = li;
    });
    pending = [];
    updateNotice();
    var link = first && first.querySelector('.card-headline a');
    if (link) link.focus({ preventScroll: true });
    list.scrollIntoView({ block: 'start' });
  }
  function pendingIndex(id) {
    for (var i = 0; i < pending.length; i++) if (pending[i].getAttribute('data-story-id') === String(id)) return i;
    return -1;
  }
  function onStory(d) {
    if (!feed) return;
    var shown = byId(feed, 'data-story-id', d.storyId);
    var i = pendingIndex(d.storyId);
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
    document.querySelectorAll('[data-story-id="' + String(id).replace(/[^0-9]/g, '') + '"] .label').forEach(function (label) {
      var span = label.querySelector('.live');
      if (!live && span) span.remove();
      if (live && !span) {
        span = document.createElement('span');
        span.className = 'live';
        span.textContent = 'LIVE';
        label.insertBefore(span, label.firstChild);
      }
    });
    if (blog && blogId === String(id)) {
      var status = blog.querySelector('[data-liveblog-status]');
      if (status) status.textContent = live ? 'Live: updates appear here as they happen.' : 'This live coverage has ended.';
    }
  }
  // Pinned entries stay on top; the rest are newest first.
  function placeEntry(li) {
    var list = blog.querySelector('[data-entries]');
    var empty = blog.querySelector('[data-no-entries]');
    if (empty) empty.remove();
    var pinned = li.getAttribute('data-pinned') === '1';
    var created = Number(li.getAttribute('data-created'));
    var before = null;
    for (var n = list.firstElementChild; n; n = n.nextElementSibling) {
      var nPinned = n.getAttribute('data-pinned') === '1';
      if (pinned ? true : !nPinned && Number(n.getAttribute('data-created')) <= created) {
        before = n;
        break;
      }
    }
    list.insertBefore(li, before);
  }
  function onEntry(d) {
    if (!blog || String(d.storyId) !== blogId) return;
    var old = byId(blog, 'data-entry-id', d.entryId);
    if (old) old.remove();
    if (d.type !== 'entry.deleted') placeEntry(fragment(d.html));
  }

  var source = new EventSource('/live/feed?since=' + encodeURIComponent(since) + (blogId ? '&blog=' + encodeURIComponent(blogId) : ''));
  source.onmessage = function (ev) {
    var d;
    try {
      d = JSON.parse(ev.data);
    } catch (e) {
      return;
    }
    if (d.type === 'story.published' || d.type === 'story.updated' || d.type === 'story.unpublished') onStory(d);
    else if (d.type === 'entry.added' || d.type === 'entry.updated' || d.type === 'entry.deleted') onEntry(d);
    else if (d.type === 'liveblog.ended' || d.type === 'liveblog.reopened') setLive(d.storyId, d.type === 'liveblog.reopened');
    else if (d.type === 'banner.updated') {
      slot.textContent = '';
      var b = d.html ? fragment(d.html) : null;
      if (b) slot.appendChild(b);
    } else if (d.type === 'reload') window.location.reload();
  };
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
