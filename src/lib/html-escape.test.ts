import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from './html-escape.js';

const hostile = `<script>alert("x")</script> & 'quoted' <img src=x onerror=y>`;

test('escapeHtml leaves no markup and reads back as the same text', () => {
  const out = escapeHtml(hostile);
  assert.equal(
    out,
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;img src=x onerror=y&gt;',
  );
  assert.equal(escapeHtml('plain text, 50% off'), 'plain text, 50% off');
});
