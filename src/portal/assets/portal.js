// Murojaat citizen portal: enhancements only. Every page works without this file.
(() => {
  const DRAFT_PREFIX = 'murojaat.draft.v1';
  const DRAFT_MAX_AGE = 7 * 24 * 60 * 60 * 1000;
  // Never kept in the draft: tokens, the complaint link, files, and the personal number (PINFL).
  const SKIP = new Set([
    '_csrf',
    'homepage',
    'files',
    'applicant.pinfl',
    'relatedTo.number',
    'relatedTo.accessCode',
    'relatedTo.kind',
  ]);
  const lang = document.documentElement.lang;
  const numberFormat = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ru-RU');

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }

  function draftKey(form) {
    const related = form.elements.namedItem('relatedTo.number');
    return `${DRAFT_PREFIX}:${related ? related.value : ''}`;
  }

  function collect(form) {
    const fields = {};
    for (const el of form.elements) {
      if (!el.name || SKIP.has(el.name) || el.type === 'file' || el.type === 'hidden') continue;
      if (el.type === 'radio') {
        if (el.checked) fields[el.name] = el.value;
      } else if (el.type === 'checkbox') {
        fields[el.name] = el.checked ? el.value : '';
      } else {
        fields[el.name] = el.value;
      }
    }
    return fields;
  }

  function restore(form, fields) {
    for (const el of form.elements) {
      if (!el.name || !(el.name in fields) || SKIP.has(el.name)) continue;
      const value = fields[el.name];
      if (el.type === 'radio') el.checked = el.value === value;
      else if (el.type === 'checkbox') el.checked = value === el.value;
      else if (el.type !== 'file' && el.type !== 'hidden') el.value = value;
    }
  }

  function initDraft(form, store) {
    const key = draftKey(form);
    const notice = document.getElementById('draft-notice');
    const fresh = !document.querySelector('.error-summary') && form.elements.namedItem('text').value === '';
    if (fresh) {
      try {
        const saved = JSON.parse(store.getItem(key) || 'null');
        if (saved && Date.now() - saved.at < DRAFT_MAX_AGE && saved.fields?.text) {
          restore(form, saved.fields);
          if (notice) notice.hidden = false;
        }
      } catch {
        store.removeItem(key);
      }
    }
    let timer = 0;
    const save = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          store.setItem(key, JSON.stringify({ at: Date.now(), fields: collect(form) }));
        } catch {
          // Storage full or forbidden: the draft is a convenience, the form still works.
        }
      }, 400);
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    const clear = document.getElementById('draft-clear');
    if (clear) {
      clear.addEventListener('click', () => {
        store.removeItem(key);
        form.reset();
        form.dispatchEvent(new Event('change'));
        if (notice) notice.hidden = true;
        form.elements.namedItem('text').focus();
      });
    }
  }

  function initCounter(form) {
    const text = form.elements.namedItem('text');
    const counter = document.getElementById('text-counter');
    if (!text || !counter) return;
    const max = Number(counter.dataset.max);
    const template = counter.dataset.template;
    const update = () => {
      counter.textContent = template.replace('{used}', numberFormat.format(text.value.length));
      counter.classList.toggle('over', text.value.length > max);
    };
    counter.hidden = false;
    text.setAttribute(
      'aria-describedby',
      `${text.getAttribute('aria-describedby') || ''} text-counter`.trim(),
    );
    text.addEventListener('input', update);
    update();
  }

  function initKind(form) {
    const update = () => {
      const checked = form.querySelector('[name="applicant.kind"]:checked');
      if (checked) form.dataset.kind = checked.value;
    };
    form.addEventListener('change', update);
    update();
  }

  // One drop-down of ~220 places becomes two: region, then district.
  function initTerritory(form) {
    const select = form.elements.namedItem('territory');
    const labels = form.querySelector('.region-labels');
    if (!select || !labels || select.dataset.enhanced) return;
    select.dataset.enhanced = '1';
    const groups = Array.from(select.querySelectorAll('optgroup'));
    const field = select.closest('.field');
    const label = field.querySelector('label');
    const id = select.id;
    select.id = `${id}-value`;
    select.hidden = true;
    select.setAttribute('aria-hidden', 'true');
    select.tabIndex = -1;

    const region = document.createElement('select');
    region.id = id;
    region.setAttribute('aria-describedby', select.getAttribute('aria-describedby') || '');
    if (select.getAttribute('aria-invalid')) region.setAttribute('aria-invalid', 'true');
    region.add(new Option(select.options[0].text, ''));
    groups.forEach((group, index) => {
      region.add(new Option(group.label, String(index)));
    });
    label.setAttribute('for', id);

    const districtLabel = document.createElement('label');
    districtLabel.setAttribute('for', `${id}-district`);
    districtLabel.textContent = labels.dataset.district;
    districtLabel.className = 'district-label';
    const district = document.createElement('select');
    district.id = `${id}-district`;

    const fill = () => {
      district.textContent = '';
      const group = region.value === '' ? undefined : groups[Number(region.value)];
      districtLabel.hidden = !group;
      district.hidden = !group;
      if (!group) {
        select.value = '';
        return;
      }
      for (const option of group.querySelectorAll('option'))
        district.add(new Option(option.text, option.value));
      const current = group.querySelector(`option[value="${select.value}"]`);
      district.value = current ? select.value : group.querySelector('option').value;
      select.value = district.value;
    };
    const sync = () => {
      const selected = select.selectedOptions[0] ? select.selectedOptions[0].parentElement : null;
      region.value = selected && selected.tagName === 'OPTGROUP' ? String(groups.indexOf(selected)) : '';
      fill();
    };
    form.addEventListener('reset', () => setTimeout(sync));
    region.addEventListener('change', () => {
      fill();
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    district.addEventListener('change', () => {
      select.value = district.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    select.after(region, districtLabel, district);
    sync();
  }

  function initSuggestion(form) {
    const text = form.elements.namedItem('text');
    const category = form.elements.namedItem('category');
    const box = document.getElementById('category-suggestion');
    if (!text || !category || !box || !window.fetch) return;
    const name = box.querySelector('strong');
    let suggested = '';
    let lastSent = '';
    let timer = 0;
    let available = true;
    const ask = async () => {
      const value = text.value.trim();
      if (!available || value.length < 30 || value === lastSent || category.value) return;
      lastSent = value;
      try {
        const response = await fetch('/api/v1/category-suggestions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: value, language: location.pathname.split('/')[1] }),
        });
        if (!response.ok) return;
        const body = await response.json();
        available = body.available;
        const best = body.suggestions?.[0];
        if (!best || category.value) {
          box.hidden = true;
          return;
        }
        suggested = best.code;
        name.textContent = best.name;
        box.hidden = false;
      } catch {
        // Offline or slow: no suggestion, nothing else changes.
      }
    };
    text.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 1200);
    });
    category.addEventListener('change', () => {
      if (category.value) box.hidden = true;
    });
    box.querySelector('button').addEventListener('click', () => {
      category.value = suggested;
      category.dispatchEvent(new Event('change', { bubbles: true }));
      box.hidden = true;
      category.focus();
    });
  }

  function initLocate(form) {
    const button = document.getElementById('locate');
    const status = document.getElementById('locate-status');
    if (!button || !navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener('click', () => {
      status.textContent = button.dataset.busy;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          form.elements.namedItem('location.lat').value = position.coords.latitude.toFixed(6);
          form.elements.namedItem('location.lon').value = position.coords.longitude.toFixed(6);
          form.dispatchEvent(new Event('change'));
          status.textContent = button.dataset.done
            .replace('{lat}', position.coords.latitude.toFixed(4))
            .replace('{lon}', position.coords.longitude.toFixed(4));
        },
        () => {
          status.textContent = button.dataset.failed;
        },
        { timeout: 15000, maximumAge: 60000 },
      );
    });
  }

  // Files over the limits are caught before a long upload on a slow link; the server checks again by content.
  function initFileLimits(form) {
    const input = form.elements.namedItem('files');
    if (!input) return;
    const message = document.createElement('p');
    message.className = 'field-error';
    message.id = 'f-files-limit';
    message.hidden = true;
    input.before(message);
    input.addEventListener('change', () => {
      const chosen = Array.from(input.files);
      const tooMany = chosen.length > Number(input.dataset.maxCount);
      const tooLarge = chosen.some((file) => file.size > Number(input.dataset.maxBytes));
      message.textContent = tooMany ? input.dataset.tooMany : tooLarge ? input.dataset.tooLarge : '';
      message.hidden = !(tooMany || tooLarge);
      if (tooMany || tooLarge) {
        input.value = '';
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby')} f-files-limit`);
      } else {
        input.removeAttribute('aria-invalid');
      }
    });
  }

  // With files chosen, the form is sent by XHR so that the upload shows its progress. The server answers
  // exactly as it does without JavaScript: a redirect to the confirmation, or the form with errors.
  function initUpload(form) {
    const files = form.elements.namedItem('files');
    const status = document.getElementById('upload-status');
    const progress = document.getElementById('upload-progress');
    const button = form.querySelector('button[type="submit"]');
    let sending = false;
    // Coming back with the Back button restores the page as it was left: make it usable again.
    window.addEventListener('pageshow', (event) => {
      if (!event.persisted) return;
      sending = false;
      button.disabled = false;
      status.hidden = true;
    });
    form.addEventListener('submit', (event) => {
      if (sending) {
        event.preventDefault();
        return;
      }
      sending = true;
      button.disabled = true;
      if (!files || files.files.length === 0 || !window.FormData) return;
      event.preventDefault();
      status.hidden = false;
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener('load', () => {
        const landed = new URL(xhr.responseURL || form.action, location.href);
        if (landed.pathname !== new URL(form.action, location.href).pathname) {
          location.assign(landed.href);
          return;
        }
        const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        document.title = page.title;
        document.body.replaceWith(document.adoptNode(page.body));
        init();
      });
      xhr.addEventListener('error', () => {
        sending = false;
        button.disabled = false;
        status.hidden = true;
        HTMLFormElement.prototype.submit.call(form);
      });
      xhr.send(new FormData(form));
    });
  }

  function initErrorSummary() {
    const summary = document.querySelector('.error-summary');
    if (!summary) return;
    summary.focus();
    summary.addEventListener('click', (event) => {
      const link = event.target.closest('a[href^="#"]');
      if (!link) return;
      const target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      event.preventDefault();
      const legend =
        target.closest('fieldset') && target.type === 'radio'
          ? target.closest('fieldset').querySelector('legend')
          : null;
      const label = legend || document.querySelector(`label[for="${target.id}"]`);
      (label || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  function initCopy() {
    const status = document.getElementById('copy-status');
    for (const button of document.querySelectorAll('button[data-copy]')) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        const target = document.getElementById(button.dataset.copy);
        const text = target.textContent.trim();
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          const range = document.createRange();
          range.selectNodeContents(target);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          document.execCommand('copy');
        }
        if (status) status.textContent = `${button.dataset.done}: ${text}`;
      });
    }
  }

  function initTrack() {
    // The receipt's QR link may carry the code after "#", which never reaches the server or its logs.
    const code = document.getElementById('f-accessCode');
    const match = /[#&]code=([0-9A-Za-z-]{8,9})/.exec(location.hash);
    if (code && match && !code.value) {
      code.value = match[1];
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  // The chatbot's page: Enter sends the question as in a chat (Shift+Enter starts a new line), and a fresh
  // answer takes the focus so that a screen reader reads it first.
  function initAsk() {
    const question = document.querySelector('form[action$="/ask"] textarea[name=question]');
    if (!question) return;
    question.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      question.form.requestSubmit();
    });
    const answer = document.getElementById('answer-title');
    if (answer && !document.querySelector('.error-summary')) {
      answer.tabIndex = -1;
      answer.focus();
    }
  }

  // "Ask a question" opens the chat widget in place. Its script and panel are fetched on the first click
  // only, so a page costs no more than the link; where dialogs or fetch are missing, the link just opens the
  // chatbot's page. A click meant for a new tab stays a link.
  function initChat() {
    const open = document.getElementById('chat-open');
    if (!open || !window.fetch || !window.HTMLDialogElement) return;
    open.setAttribute('aria-haspopup', 'dialog');
    open.addEventListener('click', (event) => {
      if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (window.murojaatChat) {
        window.murojaatChat.open();
        return;
      }
      if (open.getAttribute('aria-busy')) return;
      open.setAttribute('aria-busy', 'true');
      const script = document.createElement('script');
      script.src = open.dataset.script;
      script.addEventListener('error', () => location.assign(open.href));
      document.head.append(script);
    });
  }

  function init() {
    const store = storage();
    if (store && document.getElementById('draft-sent')) {
      for (let i = store.length - 1; i >= 0; i--) {
        const key = store.key(i);
        if (key?.startsWith(DRAFT_PREFIX)) store.removeItem(key);
      }
    }
    const form = document.getElementById('appeal-form');
    if (form) {
      if (store) initDraft(form, store);
      initKind(form);
      initTerritory(form);
      initCounter(form);
      initSuggestion(form);
      initLocate(form);
      initFileLimits(form);
      initUpload(form);
    }
    initErrorSummary();
    initCopy();
    initTrack();
    initAsk();
    initChat();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
