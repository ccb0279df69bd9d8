// Murojaat citizen portal: the chat widget. Loaded by portal.js only when a person opens "Ask a question";
// without it (or without JavaScript) that link opens the chatbot's own page, which does all of this too.
(() => {
  const launcher = document.getElementById('chat-open');
  if (!launcher || window.murojaatChat) return;
  const DRAFT_KEY = 'murojaat.draft.v1:';
  let dialog;
  let log;
  let form;
  let question;
  let error;
  let handoff;
  let texts;
  let last = null;
  let busy = false;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  function say(node) {
    log.append(node);
    node.scrollIntoView({ block: 'nearest' });
    return node;
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
    if (message) {
      question.setAttribute('aria-invalid', 'true');
      question.setAttribute('aria-describedby', 'chat-question-hint chat-question-error');
    } else {
      question.removeAttribute('aria-invalid');
      question.setAttribute('aria-describedby', 'chat-question-hint');
    }
  }

  // "File this as an appeal": the question becomes the start of a draft the appeal form restores, unless a
  // draft of the person's own is already waiting there.
  function keepAsDraft(text) {
    try {
      const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null');
      if (saved?.fields?.text) return;
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ at: Date.now(), fields: { text } }));
    } catch {
      // Storage forbidden: the form opens empty.
    }
  }

  function answerNode(asked, result) {
    const node = element('div', 'chat-answer');
    if (result.emergency) {
      const warning = element('div', 'warning');
      warning.append(element('h3', '', texts.emergency), element('p', '', result.emergency));
      node.append(warning);
    }
    if (result.answer && result.article) {
      const title = element('h3', '', `${texts.answer}: ${result.article.title}`);
      const body = element('p', 'pre', result.answer);
      // An article in another language than the page (Karakalpak pages read Uzbek Latin articles) says so.
      const tag = texts.articleTags[result.article.language];
      if (result.article.language !== texts.lang && tag) body.setAttribute('lang', tag);
      node.append(title, body);
      const source = element('p');
      source.append(element('small', 'chat-source', texts.source.replace('{title}', result.article.title)));
      node.append(source);
    } else {
      node.append(element('h3', '', texts.noAnswer), element('p', '', result.fallback || ''));
    }
    const next = document.getElementById('chat-next').content.cloneNode(true).firstElementChild;
    const feedback = next.querySelector('.chat-feedback');
    if (!result.article) feedback.remove();
    for (const button of feedback.querySelectorAll('button')) {
      button.addEventListener('click', async () => {
        try {
          await post('/api/v1/chat/feedback', { askId: result.askId, helpful: button.value === 'yes' });
        } catch {
          return;
        }
        const thanks = element('p', 'chat-thanks', texts.thanksFeedback);
        thanks.tabIndex = -1;
        feedback.replaceWith(thanks);
        thanks.focus();
      });
    }
    next.querySelector('.chat-appeal').addEventListener('click', () => keepAsDraft(asked));
    next.querySelector('.chat-person').addEventListener('click', () => {
      last = { askId: result.askId, question: asked };
      handoff.hidden = false;
      handoff.elements.namedItem('message').value = asked;
      handoff.elements.namedItem('message').focus();
    });
    node.append(next);
    return node;
  }

  async function ask(event) {
    event.preventDefault();
    const text = question.value.trim();
    if (busy) return;
    if (text.length < 2) {
      showError(texts.empty);
      question.focus();
      return;
    }
    showError('');
    busy = true;
    const mine = say(element('p', 'chat-question'));
    mine.append(element('strong', '', `${texts.you}: `), document.createTextNode(text));
    question.value = '';
    const waiting = say(element('p', 'chat-wait', texts.thinking));
    try {
      const result = await post('/api/v1/chat/ask', { question: text, language: texts.lang });
      waiting.replaceWith(answerNode(text, result));
    } catch {
      waiting.replaceWith(element('p', 'field-error', texts.failed));
      question.value = text;
    } finally {
      busy = false;
    }
  }

  async function handOff(event) {
    event.preventDefault();
    if (!last || busy) return;
    busy = true;
    const message = handoff.elements.namedItem('message').value.trim();
    const contact = handoff.elements.namedItem('contact').value.trim();
    try {
      await post('/api/v1/chat/handoff', {
        askId: last.askId,
        ...(message.length >= 2 ? { question: message } : {}),
        ...(contact ? { contact } : {}),
      });
      handoff.hidden = true;
      handoff.reset();
      say(element('p', 'chat-thanks', texts.thanksHandoff));
      question.focus();
    } catch {
      say(element('p', 'field-error', texts.failed));
    } finally {
      busy = false;
    }
  }

  function open() {
    // The upload form replaces the page's body after an error: the panel went with it, the page remains.
    if (!dialog.isConnected) {
      location.assign(launcher.href);
      return;
    }
    if (!dialog.open) dialog.showModal();
    question.focus();
  }

  async function build() {
    const response = await fetch(launcher.dataset.panel, { headers: { accept: 'text/html' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
    dialog = document.adoptNode(parsed.getElementById('chat'));
    document.body.append(dialog);
    const d = dialog.dataset;
    texts = {
      lang: d.lang,
      articleTags: Object.fromEntries((d.articleTags || '').split(' ').map((pair) => pair.split(':'))),
      source: d.source,
      you: d.you,
      thinking: d.thinking,
      failed: d.failed,
      empty: d.empty,
      answer: d.answer,
      noAnswer: d.noAnswer,
      emergency: d.emergency,
      thanksFeedback: d.thanksFeedback,
      thanksHandoff: d.thanksHandoff,
    };
    log = dialog.querySelector('.chat-log');
    form = dialog.querySelector('.chat-form');
    question = form.elements.namedItem('question');
    error = document.getElementById('chat-question-error');
    handoff = dialog.querySelector('.chat-handoff');
    form.addEventListener('submit', ask);
    handoff.addEventListener('submit', handOff);
    // Enter sends, as in any chat; Shift+Enter starts a new line.
    question.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      form.requestSubmit();
    });
    dialog.querySelector('.chat-close').addEventListener('click', () => dialog.close());
    // A click on the backdrop (outside the panel) closes it too; Escape is the dialog's own.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) {
        const box = dialog.getBoundingClientRect();
        const inside =
          event.clientX >= box.left &&
          event.clientX <= box.right &&
          event.clientY >= box.top &&
          event.clientY <= box.bottom;
        if (!inside) dialog.close();
      }
    });
    dialog.addEventListener('close', () => launcher.focus());
  }

  window.murojaatChat = { open };
  build().then(
    () => {
      launcher.removeAttribute('aria-busy');
      window.murojaatChat.open();
    },
    () => location.assign(launcher.href),
  );
})();
