// Progressive enhancement for the reader site. Everything works without it.
// "Show More": fetch the next page (the same URL the link points to) and append its items in place.
(function () {
  'use strict';
  function enhanceShowMore(root) {
    root.addEventListener('click', async function (ev) {
      var link = ev.target instanceof Element ? ev.target.closest('[data-show-more]') : null;
      if (!link || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      var feed = link.closest('[data-feed]');
      var list = feed && feed.querySelector('[data-feed-items]');
      if (!list) return;
      ev.preventDefault();
      if (link.getAttribute('aria-busy') === 'true') return;
      link.setAttribute('aria-busy', 'true');
      var label = link.textContent;
      link.textContent = 'Loading…';
      try {
        var res = await fetch(link.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
        if (!res.ok) throw new Error('HTTP ' + res.status);
        var doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        var nextFeed = doc.querySelectorAll('[data-feed]');
        // The page's main listing is the first feed; a story page's News Feed block is its only one.
        var source = nextFeed[0];
        var items = source ? source.querySelectorAll('[data-feed-items] > li') : [];
        var seen = new Set(Array.prototype.map.call(list.children, function (li) { return li.getAttribute('data-story-id'); }));
        var first = null;
        items.forEach(function (li) {
          if (seen.has(li.getAttribute('data-story-id'))) return;
          var node = document.importNode(li, true);
          list.appendChild(node);
          if (!first) first = node;
        });
        var nextLink = source && source.querySelector('[data-show-more]');
        if (nextLink) {
          link.href = nextLink.getAttribute('href');
          link.textContent = label;
          link.removeAttribute('aria-busy');
        } else {
          link.parentElement.remove();
        }
        if (first) {
          var a = first.querySelector('h2 a, h3 a');
          if (a) a.focus({ preventScroll: true });
        }
      } catch (e) {
        // Fall back to an ordinary page load.
        window.location.href = link.href;
      }
    });
  }
  enhanceShowMore(document);
})();
