# Varnish in front of Broadsheet: Debian 12's varnish 7.1 with the xkey vmod from varnish-modules.
# docs/deploy.md explains the topology; `npm run test:topology` runs this file against two real processes.
#
# Start varnishd with `-p http_gzip_support=off`: Broadsheet keeps every page as brotli, gzip and plain bytes, each
# with its own ETag, so Varnish keeps the variant each kind of client gets (Vary: Accept-Encoding) instead of
# asking for gzip only and inflating for clients without it.
#
# Reader pages are the same HTML for everyone, signed in or not: what is personal comes from
# /account/state.json, asked by site.js. So on cacheable pages the reader's cookies (bs_reader, bs_reader_on) are
# dropped before the lookup and signed-in readers share the anonymous copy; the desk and the account pages are
# passed with their cookies. Any other cookie still makes a request uncacheable (Varnish's built-in rule).
# The pattern below is PERSONAL_PATHS in src/readers/reader-cookies.ts (a test holds the two equal).
vcl 4.1;

import directors;
import xkey;

# The app processes: `backend` blocks with their health probe, and `sub vcl_init` adding each to the director
# `app` (round robin over the healthy ones). broadsheet-backends.vcl beside this file is the two-process example;
# varnishd finds it on its vcl_path (-p vcl_path=/etc/varnish:/usr/share/varnish/vcl, Debian's default).
include "broadsheet-backends.vcl";

# Who may purge: the app processes, which send PURGE_WEBHOOK_URL's POST here on every change.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  set req.backend_hint = app.backend();
  # Purge by surrogate key. Broadsheet's purge webhook (src/cache/purge-webhook.ts, PURGE_WEBHOOK_URL pointed at
  # this Varnish) POSTs its JSON with the keys also in "xkey-purge: story:12 home"; a hand-made PURGE works too.
  # Every process sends its own purges (it hears the others' changes through Redis), so a page a process rendered
  # from what it had before it heard of a change is purged again by that process.
  if (req.http.xkey-purge && (req.method == "PURGE" || req.method == "POST")) {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    # A hard purge: the next reader gets the change, not a stale copy while Varnish fetches it.
    set req.http.n-gone = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.n-gone));
  }
  # Personal answers: the desk and a reader's own pages (any edition's /uk/account too), and every change.
  if (req.url ~ "^(/[a-z]{2,3}(-[a-z0-9]{2,8})?)?/(desk|account)([/?.]|$)" || (req.method != "GET" && req.method != "HEAD")) {
    return (pass);
  }
  # The live stream (Server-Sent Events, any edition's /live/feed): one long answer per reader, never shared.
  if (req.url ~ "^(/[a-z]{2,3}(-[a-z0-9]{2,8})?)?/live/" || req.http.Accept ~ "text/event-stream") {
    return (pass);
  }
  # One variant per coding Broadsheet sends: brotli, gzip, or the plain bytes (br;q=0 refuses brotli).
  if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(;\s*q=(1(\.0*)?|0\.[0-9]*[1-9][0-9]*)\s*)?(,|$)") {
    set req.http.Accept-Encoding = "br";
  } elsif (req.http.Accept-Encoding ~ "(^|,)\s*gzip\s*(;\s*q=(1(\.0*)?|0\.[0-9]*[1-9][0-9]*)\s*)?(,|$)") {
    set req.http.Accept-Encoding = "gzip";
  } else {
    unset req.http.Accept-Encoding;
  }
  # Everything else is the same for every reader: the reader's cookies change nothing on it.
  if (req.http.Cookie) {
    set req.http.Cookie = regsuball(req.http.Cookie, "(^|;\s*)(bs_reader|bs_reader_on)=[^;]*", "");
    set req.http.Cookie = regsub(req.http.Cookie, "^;\s*", "");
    if (req.http.Cookie ~ "^\s*$") {
      unset req.http.Cookie;
    }
  }
}

sub vcl_backend_response {
  # Which process answered (X-Served-By to the client: for the logs and the topology test).
  set beresp.http.x-backend = beresp.backend.name;
  # Broadsheet says what may be shared (Cache-Control public, s-maxage) and what may not (private, no-store).
  # Varnish takes the TTL from s-maxage and the grace (stale-while-revalidate) from the same header by itself.
  if (beresp.http.Cache-Control ~ "private|no-store" || beresp.http.Set-Cookie) {
    set beresp.uncacheable = true;
    return (deliver);
  }
  # xkey indexes the object by the keys in its xkey header: Broadsheet's Surrogate-Key, space-separated.
  if (beresp.http.Surrogate-Key) {
    set beresp.http.xkey = beresp.http.Surrogate-Key;
  }
  # Keep an expired copy a day so Varnish can revalidate it with If-None-Match (a 304 instead of the page).
  set beresp.keep = 1d;
}

sub vcl_backend_error {
  # A process died (kill -9, a crash) between two health probes: try a reader's GET once more; the director
  # picks the next healthy process. Changes (POST…) are not repeated: one of them may have been half done.
  if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 2) {
    return (retry);
  }
}

sub vcl_deliver {
  # Surrogate keys are for purging here, not for browsers.
  unset resp.http.Surrogate-Key;
  unset resp.http.Cache-Tag;
  unset resp.http.xkey;
  set resp.http.X-Served-By = resp.http.x-backend;
  unset resp.http.x-backend;
  # Whether this answer came from Varnish's store: HIT (Age says how old), MISS (fetched and stored) or PASS.
  if (obj.uncacheable) {
    set resp.http.X-Varnish-Cache = "PASS";
  } elsif (obj.hits > 0) {
    set resp.http.X-Varnish-Cache = "HIT";
  } else {
    set resp.http.X-Varnish-Cache = "MISS";
  }
}
