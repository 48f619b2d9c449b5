/**
 * The hostile suite's XSS corpus: values a writer, an importer's source or an API client could send, written
 * for Broadsheet's own contexts (HTML text and attributes, URLs, JSON-LD and other JSON in script, CSS, SVG,
 * parser differentials and client-side templates). Each one, if it ever ran, calls `__xss()` or opens a dialog,
 * and each one that smuggles markup leaves an element or attribute the browser check finds (an `on…` handler,
 * a script, a frame, a `javascript:` URL, something named `xss`). Plain strings, so every face takes them.
 */

const tags = [
  '<script>__xss()</script>',
  '<SCRIPT>__xss()</SCRIPT>',
  '<script src="data:text/javascript,__xss()"></script>',
  '<script/xss>__xss()</script>',
  '<scr<script>ipt>__xss()</scr</script>ipt>',
  '<img src=x onerror=__xss()>',
  '<img src="x" onerror="__xss()">',
  "<img src='x' onerror='alert(1)'>",
  '<IMG SRC=x OnErRoR=__xss()>',
  '<img/src/onerror=__xss()>',
  '<img src=x:y onerror=__xss()//',
  '<svg onload=__xss()>',
  '<svg/onload=__xss()//',
  '<body onload=__xss()>',
  '<iframe src="javascript:__xss()"></iframe>',
  '<iframe srcdoc="<script>parent.__xss()</script>"></iframe>',
  '<object data="javascript:__xss()"></object>',
  '<embed src="javascript:__xss()">',
  '<video><source onerror=__xss()></video>',
  '<audio src=x onerror=__xss()>',
  '<details open ontoggle=__xss()>',
  '<input autofocus onfocus=__xss()>',
  '<select autofocus onfocus=__xss()></select>',
  '<textarea autofocus onfocus=__xss()></textarea>',
  '<marquee onstart=__xss()>x</marquee>',
  '<div onmouseover=__xss()>hover</div>',
  '<p data-xss="1">injected paragraph</p>',
  '<xss id=xss onfocus=__xss() tabindex=1>custom element</xss>',
  '<base href="javascript:__xss()//">',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss()">',
  '<link rel=import href="data:text/html,<script>__xss()</script>">',
  '<form action="javascript:__xss()"><button>go</button></form>',
  '<button formaction="javascript:__xss()">go</button>',
  '<isindex type=image src=1 onerror=__xss()>',
  '<frameset onload=__xss()>',
  '<table background="javascript:__xss()">',
  '<a href="javascript:__xss()">link</a>',
  '<a href=" JaVaScRiPt:__xss()">link</a>',
  '<a href="&#106;avascript:__xss()">entity link</a>',
  '<a href="java&#x09;script:__xss()">tab link</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5fX3hzcygpPC9zY3JpcHQ+">data link</a>',
];

const attributes = [
  '"><img src=x onerror=__xss()>',
  "'><img src=x onerror=__xss()>",
  '" onmouseover="__xss()" x="',
  "' onmouseover='__xss()' x='",
  '" autofocus onfocus="__xss()',
  '"><svg onload=__xss()>',
  '` onmouseover=__xss() x=`',
  '" style="background:url(javascript:__xss())',
  '"/><script>__xss()</script>',
  '"><xss data-xss=attr></xss>',
  '&quot; onmouseover=&quot;__xss()',
  '&#34;&#62;&#60;img src=x onerror=__xss()&#62;',
  '\\" onmouseover=\\"__xss()',
  '" data-xss="" x="',
];

const urls = [
  'javascript:__xss()',
  'JAVASCRIPT:__xss()',
  ' javascript:__xss()',
  'java\tscript:__xss()',
  'java\nscript:__xss()',
  'javascript&colon;__xss()',
  '&#x6A;avascript:__xss()',
  'vbscript:msgbox(1)',
  'data:text/html,<script>__xss()</script>',
  'data:image/svg+xml,<svg onload=__xss()>',
  '//evil.example/xss',
  '/\\evil.example/xss',
  '\\\\evil.example\\xss',
  'https://evil.example/"><img src=x onerror=__xss()>',
  'http://news.test@evil.example/xss',
  'https:evil.example/xss',
  '/stories/x?"><script>__xss()</script>',
  '#"><img src=x onerror=__xss()>',
];

const json = [
  '</script><script>__xss()</script>',
  '</SCRIPT><script>__xss()</script>',
  '</script ><img src=x onerror=__xss()>',
  '<!--<script>__xss()</script>-->',
  '<!--',
  '"}</script><script>__xss()</script>',
  '\\u003c/script\\u003e<script>__xss()</script>',
  '\u2028\u2029</script><img src=x onerror=__xss()>',
  '{"@context":"https://schema.org","x":"</script><svg onload=__xss()>"}',
  '"; __xss(); "',
  "'; __xss(); '",
  '\\"; __xss(); //',
  '</script><!--<script>',
];

const css = [
  '</style><script>__xss()</script>',
  '</style><img src=x onerror=__xss()>',
  '<style>*{background:url("javascript:__xss()")}/*xss*/</style>',
  '<style>@import "javascript:__xss()";/*xss*/</style>',
  '<div style="width:expression(__xss())">css</div>',
  '<div style="background-image:url(javascript:__xss())">css</div>',
  'x;}</style><style>body{display:none}/*xss*/</style>',
  '<link rel=stylesheet href="javascript:__xss()">',
];

const svg = [
  '<svg><script>__xss()</script></svg>',
  '<svg><script href="data:,__xss()"/></svg>',
  '<svg><a xlink:href="javascript:__xss()"><text x=10 y=20>svg link</text></a></svg>',
  '<svg><animate attributeName=href values=javascript:__xss() /></svg>',
  '<svg><set attributeName=onmouseover to=__xss() /></svg>',
  '<svg><foreignObject><img src=x onerror=__xss()></foreignObject></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x onload=__xss()>#x"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss()>',
  '<svg><style><img src=x onerror=__xss()></style></svg>',
];

const mutation = [
  '<noscript><p title="</noscript><img src=x onerror=__xss()>">',
  '<listing>&lt;img src=x onerror=__xss()&gt;</listing>',
  '<textarea></textarea><img src=x onerror=__xss()>',
  '<title></title><img src=x onerror=__xss()>',
  '<xmp></xmp><img src=x onerror=__xss()>',
  '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=__xss()>',
  '<svg></p><style><a id="</style><img src=x onerror=__xss()>">',
  '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img src=x onerror=__xss()>">',
  '<a href="x" id="</a><img src=x onerror=__xss()>">ok</a>',
  '<template><img src=x onerror=__xss()></template>',
  '<!--><img src=x onerror=__xss()>-->',
  '<![CDATA[><img src=x onerror=__xss()>]]>',
  '<? ><img src=x onerror=__xss()> ?>',
  '<img src="x` `<script>__xss()</script>"` `>',
  '<<img src=x onerror=__xss()>>',
  '<img src=x onerror=\u0000__xss()>',
  '<im\u0000g src=x onerror=__xss()>',
];

const templates = [
  '{{constructor.constructor("__xss()")()}}',
  '\x24{__xss()}',
  '#{__xss()}',
  '<%= __xss() %>',
  '{{#with "s" as |x|}}{{__xss}}{{/with}}',
  '[[\x24{__xss()}]]',
  '{{7*7}}<img src=x onerror=__xss()>',
];

const markdown = [
  '[click](javascript:__xss())',
  '[click](JaVaScRiPt:__xss())',
  '![x](javascript:__xss())',
  '![x](x" onerror="__xss())',
  '<https://example.com/"><img src=x onerror=__xss()>>',
  '[a](https://example.com "title\\"><img src=x onerror=__xss()>")',
  '[a]: javascript:__xss()\n\n[b][a]',
  '`<script>__xss()</script>`',
  '```html\n<script>__xss()</script>\n```',
  '> <img src=x onerror=__xss()>',
  '* <svg onload=__xss()>',
  '## <script>__xss()</script>',
  '**<img src=x onerror=__xss()>**',
  '<details><summary>x</summary><img src=x onerror=__xss()></details>',
];

const text = [
  'Council votes <b>yes</b> & no',
  'a < b > c & d " e \' f',
  '&lt;script&gt;__xss()&lt;/script&gt;',
  '\u202Egnp.exe<img src=x onerror=__xss()>',
  '\uFEFF<script>__xss()</script>',
  'Ünïcödé — “quotes” ‘single’ … 🗞️ <i>x</i>',
  `${'x'.repeat(90)}<img src=x onerror=__xss()>`,
];

/** Every payload of the corpus, each once. */
export const XSS_CORPUS: readonly string[] = [
  ...new Set([
    ...tags,
    ...attributes,
    ...urls,
    ...json,
    ...css,
    ...svg,
    ...mutation,
    ...templates,
    ...markdown,
    ...text,
  ]),
];

/**
 * Installed in every page before its scripts: what a payload that runs would call, counted in
 * `window.__xssHits`, and the dialogs it could open, counted too.
 */
export const XSS_TRAP = `(() => {
  window.__xssHits = 0;
  window.__xss = () => { window.__xssHits++; };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => { window.__xssHits++; };
})();`;

/**
 * A script expression evaluated in a page after it loaded (a string, so the test runner's transforms never
 * reach the browser): everything there that a payload could have injected, as text lines, and every JSON-LD
 * block that does not parse. The site's own markup has none of it: no inline handlers, no frames, scripts only
 * from its own origin or JSON-LD.
 */
export const INJECTED_SCAN = String.raw`(() => {
  const found = [];
  const origin = location.origin;
  const show = (el) => '<' + el.tagName.toLowerCase() + '> ' + el.outerHTML.slice(0, 140);
  const urlAttrs = /^(href|src|action|formaction|xlink:href|data|background|poster|srcset|values|to|from)$/i;
  const badScheme = /^[\s\u0000-\u001f]*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data:text\/html)/i;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (/^(iframe|frame|frameset|object|embed|applet|base|xss|isindex|animate|set|foreignobject|listing|xmp|mglyph)$/.test(tag))
      found.push('element ' + show(el));
    if (tag === 'script') {
      const src = el.getAttribute('src');
      const type = el.getAttribute('type');
      if (src ? !new URL(src, location.href).href.startsWith(origin + '/') : type !== 'application/ld+json')
        found.push('script ' + show(el));
      if (!src && type === 'application/ld+json') {
        try { JSON.parse(el.textContent); } catch (e) { found.push('JSON-LD that does not parse ' + show(el)); }
      }
    }
    if (tag === 'style' && /xss/i.test(el.textContent || '')) found.push('style ' + show(el));
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) found.push('meta ' + show(el));
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || /xss/i.test(a.name) || a.name === 'srcdoc') found.push('attribute ' + a.name + ' on ' + show(el));
      if (a.name === 'id' && /xss/i.test(a.value)) found.push('id ' + show(el));
      if (a.name === 'style' && /xss|javascript|expression|url\(/i.test(a.value)) found.push('style= ' + show(el));
      if (urlAttrs.test(a.name) && badScheme.test(a.value)) found.push('url ' + a.name + ' on ' + show(el));
    }
    if (tag === 'a' && el.hasAttribute('href')) {
      const raw = el.getAttribute('href') || '';
      let url;
      try { url = new URL(raw, location.href); } catch { continue; }
      // Written as site-relative but resolved to another host by the browser (/\host, \\host).
      if (!/^\s*(https?:|mailto:)/i.test(raw) && url.origin !== origin && url.protocol !== 'mailto:')
        found.push('off-site relative link ' + show(el));
      if (/^(javascript|vbscript|data):$/i.test(url.protocol)) found.push('link scheme ' + show(el));
    }
  }
  return found;
})()`;
