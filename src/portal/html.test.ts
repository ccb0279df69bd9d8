import { describe, expect, it } from 'vitest';
import { attrs, escapeHtml, html, keepWhole, trusted } from './html.ts';

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

  it('keeps a date or a number whole on one line, with the suffix joined to it, never split at its dashes', () => {
    expect(keepWhole('Javob 2026-yil 18-dekabrgacha beriladi.', '2026-yil 18-dekabr').value).toBe(
      'Javob <span class="whole">2026-yil 18-dekabrgacha</span> beriladi.',
    );
    expect(keepWhole('IIV-2026-0000001-sonli murojaat', 'IIV-2026-0000001').value).toBe(
      '<span class="whole">IIV-2026-0000001-sonli</span> murojaat',
    );
    expect(keepWhole('Срок по закону: 18 декабря 2026 г.', '18 декабря 2026 г.').value).toBe(
      'Срок по закону: <span class="whole">18 декабря 2026 г.</span>',
    );
    expect(keepWhole('By 7 December 2026, it is handed on.', '7 December 2026').value).toBe(
      'By <span class="whole">7 December 2026</span>, it is handed on.',
    );
    expect(keepWhole('Жавоб 2026 йил 18 декабргача берилади.', '2026 йил 18 декабрь').value).toBe(
      'Жавоб <span class="whole">2026 йил 18 декабргача</span> берилади.',
    );
    expect(keepWhole('IIV-2026-0000001-sonli murojaat', 'IIV-2026-0000001', false).value).toBe(
      '<span class="whole">IIV-2026-0000001</span>-sonli murojaat',
    );
    expect(keepWhole('<b> not here', 'missing').value).toBe('&lt;b&gt; not here');
  });
});
