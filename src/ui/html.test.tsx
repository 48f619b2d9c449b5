import assert from 'node:assert/strict';
import { test } from 'node:test';
import { raw } from 'hono/html';
import { html } from './html.js';
import { escapeHtml } from '../lib/html-escape.js';

test('every interpolated string is escaped, in text and in attribute values', () => {
  const hostile = `"><script>alert('x')</script>&`;
  const out = String(html`<a href="${hostile}" title="${hostile}">${hostile}</a>`);
  const escaped = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;';
  assert.equal(out, `<a href="${escaped}" title="${escaped}">${escaped}</a>`);
  assert.ok(!out.includes('<script'));
});

test('nested templates, arrays and JSX elements are markup; numbers as they are; null, undefined and booleans are nothing', () => {
  const items = ['<b>', 'c&d'].map((s) => html`<li>${s}</li>`);
  const out = String(
    html`<ul>${items}${null}${undefined}${false}${true}</ul><p>${3}</p>${<em>{'<i>'}</em>}${raw('<hr/>')}`,
  );
  assert.equal(out, '<ul><li>&lt;b&gt;</li><li>c&amp;d</li></ul><p>3</p><em>&lt;i&gt;</em><hr/>');
});

test('a line break and the indentation around it vanish, as in JSX; spaces on a line stay', () => {
  const name = 'Ada';
  const out = String(html`<p>
      By ${name}
      <span>and others</span>
    </p>`);
  assert.equal(out, '<p>By Ada<span>and others</span></p>');
});

test('an asynchronous value is handed to hono, which resolves it', async () => {
  const out = await html`<p>${Promise.resolve('<x>')}</p>`;
  assert.equal(String(out), '<p>&lt;x&gt;</p>');
});

test('html templates, hono/jsx and escapeHtml escape through one escaper', () => {
  const hostile = `<script>alert("x")</script> & 'quoted' <img src=x onerror=y>`;
  const expected = `<p title="${escapeHtml(hostile)}">${escapeHtml(hostile)}</p>`;
  assert.equal(String(html`<p title="${hostile}">${hostile}</p>`), expected);
  assert.equal(String(<p title={hostile}>{hostile}</p>), expected);
});
