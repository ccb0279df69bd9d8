import { describe, expect, it } from 'vitest';
import { attrs, escapeHtml, html, trusted } from './html.ts';

describe('the HTML template', () => {
  it('escapes every interpolated string, so a citizen’s text is never markup', () => {
    const text = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<p title="${text}">${text}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
  });

  it('inserts nested templates and trusted markup as they are, and prints nothing for empty values', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<p>${inner}${trusted('<br>')}${null}${undefined}${false}${[1, ' ', 'x>']}</p>`.value).toBe(
      '<p><b>a&lt;b</b><br>1 x&gt;</p>',
    );
  });

  it('writes boolean attributes bare and leaves out absent ones', () => {
    expect(attrs({ id: 'f-x', checked: true, disabled: false, title: undefined, value: 'a"b' }).value).toBe(
      ' id="f-x" checked value="a&quot;b"',
    );
  });

  it('keeps Uzbek and Russian letters as they are', () => {
    expect(escapeHtml('Oʻzbekiston — Ўзбекистон, маʼлумот')).toBe('Oʻzbekiston — Ўзбекистон, маʼлумот');
  });
});
