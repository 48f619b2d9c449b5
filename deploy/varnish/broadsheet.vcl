# Varnish in front of Broadsheet (Varnish 6/7 with the xkey vmod from varnish-modules).
#
# Reader pages are the same HTML for everyone, signed in or not: what is personal comes from
# /account/state.json, asked by site.js. So on cacheable pages the reader's cookies (bs_reader, bs_reader_on) are
# dropped before the lookup and signed-in readers share the anonymous copy; the desk and the account pages are
# passed with their cookies. Any other cookie still makes a request uncacheable (Varnish's built-in rule).
# The pattern below is PERSONAL_PATHS in src/readers/reader-cookies.ts (a test holds the two equal).
vcl 4.1;

import xkey;

backend broadsheet {
  .host = "127.0.0.1";
  .port = "3000";
}

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  # Purge by surrogate key: the purge relay (PURGE_WEBHOOK_URL) sends PURGE with "xkey-purge: story:12 home".
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.n-gone));
  }
  # Personal answers: the desk and a reader's own pages (any edition's /uk/account too), and every change.
  if (req.url ~ "^(/[a-z]{2,3}(-[a-z0-9]{2,8})?)?/(desk|account)([/?.]|$)" || (req.method != "GET" && req.method != "HEAD")) {
    return (pass);
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
  # Broadsheet says what may be shared (Cache-Control public, s-maxage) and what may not (private, no-store).
  if (beresp.http.Cache-Control ~ "private|no-store" || beresp.http.Set-Cookie) {
    set beresp.uncacheable = true;
    return (deliver);
  }
}

sub vcl_deliver {
  # Surrogate keys are for purging here, not for browsers.
  unset resp.http.Surrogate-Key;
  unset resp.http.Cache-Tag;
}
