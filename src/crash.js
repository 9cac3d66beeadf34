// Avro Playground's crash banner and safe mode (see src/crash.rs). The release build aborts on a panic, which
// kills the wasm for good, so this script, loaded before the wasm, does it all and never calls into the wasm:
//
// 1. Each edit of the schema, datum or bytes input is recorded (PENDING_KEY) before the wasm computes from it,
//    and the record is cleared once the edit has been processed; a crash leaves it behind.
// 2. The wasm's panic hook calls avroPlaygroundCrash(message): the crash is recorded (CRASH_KEY) and a banner
//    shows the message, a "Copy bug report" button and a "Reload" button. A trap that is no panic (out of
//    memory, a stack overflow) reaches here as an uncaught error and is handled the same way.
// 3. The next load starts in safe mode: the saved workspace is loaded without the input that crashed, which is
//    offered back. If the page crashed while loading (LOADING_KEY still set), or again without an edit after
//    starting in safe mode, the saved workspace itself is the cause: it is put aside under KEPT_PREFIX (never
//    deleted), the page starts from the example, and the saved workspace is offered back.
//
// The DOM is built with textContent only (no innerHTML) and listeners are added here: no inline handlers,
// which the Content-Security-Policy forbids.
(() => {
  'use strict';
  /** The last crash, until the user has chosen what to do: `{time, message, edited, again}`. */
  const CRASH_KEY = 'avro-playground/crash';
  /** The edit being processed: `{input, version, text}` (`text` left out above PENDING_LIMIT characters). */
  const PENDING_KEY = 'avro-playground/pending';
  /** Set while the page loads, until its first render has been processed and painted. */
  const LOADING_KEY = 'avro-playground/loading';
  /** Asks the next load to put the kept workspace back. */
  const RESTORE_KEY = 'avro-playground/safe-mode-restore';
  /** The saved workspace's keys (src/state.rs), and where a workspace that crashed the page is kept. */
  const SAVED_PREFIX = 'avro-playground/workspace/';
  const KEPT_PREFIX = 'avro-playground/safe-mode-copy/';
  const PENDING_LIMIT = 1 << 20;
  /** The inputs whose edits are recorded, by element id, as the notice names them. */
  const INPUTS = new Map([
    ['schema-input', 'the schema'],
    ['datum-input', 'the datum'],
    ['bytes-input', 'the pasted bytes'],
  ]);

  // Local storage that is full or disabled costs the safe mode, never the page.
  let store = null;
  try {
    store = window.localStorage;
  } catch {}
  const get = (key) => {
    try {
      return store ? store.getItem(key) : null;
    } catch {
      return null;
    }
  };
  const set = (key, value) => {
    try {
      store.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  };
  const remove = (key) => {
    try {
      store.removeItem(key);
    } catch {}
  };
  const keys = (prefix) => {
    const found = [];
    try {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key !== null && key.startsWith(prefix)) found.push(key);
      }
    } catch {}
    return found;
  };
  const parse = (text) => {
    try {
      return text === null ? null : JSON.parse(text);
    } catch {
      return null;
    }
  };
  const element = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  };
  const button = (label, onClick) => {
    const b = element('button', null, label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  };

  // ---- The load: safe mode, decided before the wasm reads the saved workspace.

  if (get(RESTORE_KEY) !== null) {
    for (const key of keys(KEPT_PREFIX)) {
      if (set(SAVED_PREFIX + key.slice(KEPT_PREFIX.length), get(key))) remove(key);
    }
    remove(RESTORE_KEY);
  }
  const lastCrash = get(CRASH_KEY) === null ? null : parse(get(CRASH_KEY)) ?? {};
  const pending = lastCrash ? parse(get(PENDING_KEY)) : null;
  if (!lastCrash) remove(PENDING_KEY);
  if (lastCrash && (get(LOADING_KEY) !== null || (lastCrash.again && !lastCrash.edited))) {
    // Removed before it is copied, so that the copy fits where it was. A workspace kept already stays.
    const keepIt = keys(KEPT_PREFIX).length === 0;
    for (const key of keys(SAVED_PREFIX)) {
      const saved = get(key);
      remove(key);
      if (keepIt && saved !== null) set(KEPT_PREFIX + key.slice(SAVED_PREFIX.length), saved);
    }
  }
  set(LOADING_KEY, '1');
  /** This load is in safe mode and the user has not chosen yet: a crash now without an edit blames the workspace. */
  let unresolved = lastCrash !== null;
  /** An edit is being processed. */
  let editing = false;

  // ---- The crash banner.

  let banner = null;

  /** The bug report: the message, the input being processed, the browser and the page. */
  const report = (message) => {
    const edit = parse(get(PENDING_KEY));
    let input = '(none recorded)';
    if (edit) {
      input = `${edit.input}${edit.version ? ` (${edit.version})` : ''}\n`;
      input += typeof edit.text === 'string' ? edit.text : `(longer than ${PENDING_LIMIT} characters: not kept)`;
    }
    return [
      'Avro Playground bug report',
      `Page: ${location.href.split('#')[0]}`,
      `Browser: ${navigator.userAgent}`,
      `Time: ${new Date().toISOString()}`,
      '',
      message,
      '',
      `Input being processed: ${input}`,
      '',
    ].join('\n');
  };

  /** Records the crash and shows the banner (once: the first crash is the cause); the page behind goes inert. */
  const crash = (message) => {
    if (banner) return;
    message = String(message);
    set(CRASH_KEY, JSON.stringify({ time: Date.now(), message, edited: editing, again: unresolved }));
    console.error(message);
    banner = element('div', 'crash-banner');
    banner.id = 'crash-banner';
    banner.setAttribute('role', 'alert');
    const said = element('span', 'crash-said');
    said.setAttribute('aria-live', 'polite');
    const copy = button('Copy bug report', () => {
      const text = report(message);
      const byHand = () => {
        // No clipboard (an insecure page, or refused): the report is shown to copy by hand.
        const box = element('textarea', 'crash-report');
        box.readOnly = true;
        box.value = text;
        box.setAttribute('aria-label', 'Bug report');
        banner.append(box);
        box.select();
        said.textContent = 'Copy the report below.';
      };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(() => {
          said.textContent = 'Copied.';
        }, byHand);
      } else {
        byHand();
      }
    });
    const reload = button('Reload', () => location.reload());
    const actions = element('p', 'crash-actions');
    actions.append(copy, reload, said);
    banner.append(
      element('p', 'crash-title', 'Something broke. Your work is saved.'),
      element('pre', 'crash-message', message),
      actions,
    );
    for (const child of document.body.children) child.inert = true;
    document.body.classList.add('crashed');
    document.body.prepend(banner);
    reload.focus();
  };
  window.avroPlaygroundCrash = crash;

  const trapped = (error) => {
    const wasm =
      error instanceof WebAssembly.RuntimeError || (error instanceof RangeError && /wasm/.test(error.stack));
    if (wasm) crash(String(error));
  };
  addEventListener('error', (e) => trapped(e.error));
  addEventListener('unhandledrejection', (e) => trapped(e.reason));

  // ---- Edits, recorded before the wasm's listeners see them (this one captures).

  addEventListener(
    'input',
    (e) => {
      const input = e.target;
      if (banner || !INPUTS.has(input.id)) return;
      const edit = { input: input.id };
      if (input.id === 'schema-input') {
        edit.version = document.querySelector('.version.current .version-select')?.textContent ?? '';
      }
      if (input.value.length <= PENDING_LIMIT) edit.text = input.value;
      editing = set(PENDING_KEY, JSON.stringify(edit));
      // The wasm processes the edit in this task and its microtasks; a timer runs after them.
      setTimeout(() => {
        if (banner) return;
        editing = false;
        remove(PENDING_KEY);
      });
    },
    true,
  );

  // The load is over once the app has started (Trunk's event, after the wasm mounted it) and painted.
  addEventListener('TrunkApplicationStarted', () =>
    requestAnimationFrame(() => setTimeout(() => banner || remove(LOADING_KEY))),
  );

  // ---- Safe mode ignores a shared link in the address (src/share.rs): it may be what crashed the page.

  if (lastCrash && location.hash) history.replaceState(null, '', location.pathname + location.search);

  // ---- The safe-mode notices, above the app (which is appended to <body> after this).

  if (!lastCrash && keys(KEPT_PREFIX).length === 0) return;
  const notices = element('div', 'safe-mode-notices');
  notices.id = 'safe-mode';
  const notice = (text, ...buttons) => {
    const box = element('div', 'safe-mode');
    box.setAttribute('role', 'status');
    box.append(element('p', null, text), ...buttons);
    notices.append(box);
    return box;
  };
  /** The user has chosen: the crash needs no more notice. */
  const chosen = (box) => {
    unresolved = false;
    remove(CRASH_KEY);
    box.remove();
    if (!notices.firstChild) notices.remove();
  };

  if (keys(KEPT_PREFIX).length > 0) {
    const box = notice(
      'Safe mode: the page crashed while loading your saved workspace, so it started with the example. ' +
        'Your saved workspace is kept.',
      button('Load my saved workspace', () => {
        // Put back by the next load, before the page could save over it.
        set(RESTORE_KEY, '1');
        unresolved = false;
        remove(CRASH_KEY);
        location.reload();
      }),
      button('Not now', () => chosen(box)),
    );
  }
  if (lastCrash && pending && INPUTS.has(pending.input)) {
    const name = INPUTS.get(pending.input) + (pending.version ? ` (${pending.version})` : '');
    const again =
      typeof pending.text === 'string' &&
      button('Try that input again', () => {
        chosen(box);
        const tab = { 'datum-input': 'tab-encode', 'bytes-input': 'tab-decode' }[pending.input];
        if (tab) document.getElementById(tab)?.click();
        // After the tab's view is built: typed in as the user would, so it is recorded like any edit.
        setTimeout(() => {
          const input = document.getElementById(pending.input);
          if (!input) return;
          input.value = pending.text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
      });
    const box = notice(
      `Safe mode: the page crashed while processing ${name}. Your saved work is loaded without it.`,
      ...(again ? [again] : []),
      button('Discard it', () => {
        remove(PENDING_KEY);
        chosen(box);
      }),
    );
  } else if (lastCrash && keys(KEPT_PREFIX).length === 0) {
    const box = notice(
      'Safe mode: the page crashed. Your saved work is loaded.',
      button('OK', () => chosen(box)),
    );
  }
  document.body.prepend(notices);
})();
