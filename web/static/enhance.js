// The storefront's only script on its read pages (home, search, listing, cart; the seller and trace
// pages need none), which are server-rendered without SvelteKit's client (csr = false, decision 28):
// every form there is a plain form that works without JavaScript, and this file adds what truly
// needs it. It listens on the document (event delegation), so it needs no start-up per element, and
// is one cached file for every such page (StorefrontScript.svelte adds it). Its words come from the
// page (data-* attributes written by the server in the reader's language), never from here.
//   [data-suggest]            search box: suggestions as the buyer types (ARIA 1.2 combobox)
//   form[data-live]           search page: results follow the typing, the URL follows (replaceState)
//   form[data-autosubmit]     a tick, a radio or a list choice submits its form (by the button named)
//   [data-apply-on-leave]     leaving these fields with a changed value submits their form
//   button[data-near]         "Gần tôi": asks for the location only when pressed
//   button[data-step]         − and + beside a quantity field
//   [data-js-only]            shown only once this script runs (html.js)
(() => {
  const TYPING_DELAY_MS = 250;
  const SUGGEST_LIMIT = 6;
  document.documentElement.classList.add('js');

  // ---- Suggestions -------------------------------------------------------------------------
  /** @type {WeakMap<HTMLInputElement, {items: string[], active: number, open: boolean, timer?: number, controller?: AbortController}>} */
  const combos = new WeakMap();
  const comboOf = (input) => {
    let state = combos.get(input);
    if (!state) {
      state = { items: [], active: -1, open: false };
      combos.set(input, state);
    }
    return state;
  };
  const listOf = (input) => document.getElementById(input.getAttribute('aria-controls') ?? '');

  function render(input, state) {
    const list = listOf(input);
    if (!list) return;
    const open = state.open && state.items.length > 0;
    list.replaceChildren(
      ...state.items.map((text, index) => {
        const option = document.createElement('li');
        option.id = `${list.id}-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(index === state.active));
        option.dataset.value = text;
        option.textContent = text;
        return option;
      }),
    );
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (open && state.active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${state.active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  /** Titles completing the words typed so far (two letters at least); the words themselves are not offered. */
  async function suggest(input, state) {
    state.controller?.abort();
    const words = input.value.trim();
    if (words.length < 2) {
      state.items = [];
      render(input, state);
      return;
    }
    const controller = new AbortController();
    state.controller = controller;
    try {
      const res = await fetch(
        `/api/v1/search/suggest?${new URLSearchParams({ q: words, limit: String(SUGGEST_LIMIT) })}`,
        {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        },
      );
      const found = res.ok ? (await res.json()).suggestions : [];
      if (controller.signal.aborted) return;
      state.items = found.map((s) => s.text).filter((text) => text !== words);
      state.active = -1;
      state.open = document.activeElement === input;
      render(input, state);
    } catch {
      // Aborted by newer words, or the network failed: no suggestions, the box still searches.
    }
  }

  function closeSuggestions(input) {
    const state = comboOf(input);
    clearTimeout(state.timer);
    state.controller?.abort();
    state.open = false;
    render(input, state);
  }

  /** A suggestion chosen: searched for at once, with the rest of the form as it stands. */
  function pick(input, text) {
    input.value = text;
    closeSuggestions(input);
    cancelLive(input.form);
    input.form?.requestSubmit();
  }

  // ---- Live results on the search page ----------------------------------------------------
  /** @type {WeakMap<HTMLFormElement, {timer?: number, controller?: AbortController}>} */
  const lives = new WeakMap();
  const liveOf = (form) => {
    let state = lives.get(form);
    if (!state) {
      state = {};
      lives.set(form, state);
    }
    return state;
  };
  const formUrl = (form) => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form))
      if (typeof value === 'string' && value !== '') params.append(name, value);
    const query = params.toString();
    return `${new URL(form.action, location.href).pathname}${query ? `?${query}` : ''}`;
  };

  function cancelLive(form) {
    if (!form?.hasAttribute('data-live')) return;
    const state = liveOf(form);
    clearTimeout(state.timer);
    state.controller?.abort();
  }

  /** Fetches the page for the form as it stands and puts its changing parts in place of ours. */
  async function searchAsTyped(form) {
    const state = liveOf(form);
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    const url = formUrl(form);
    const parts = document.querySelectorAll('[data-live-part]');
    const input = form.querySelector('[data-suggest]');
    for (const part of parts) part.setAttribute('aria-busy', 'true');
    input?.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/html' } });
      const html = await res.text();
      if (controller.signal.aborted) return;
      const next = new DOMParser().parseFromString(html, 'text/html');
      for (const part of document.querySelectorAll('[data-live-part]')) {
        const fresh = next.querySelector(`[data-live-part="${part.dataset.livePart}"]`);
        if (fresh) part.replaceWith(document.importNode(fresh, true));
      }
      document.title = next.title;
      history.replaceState(history.state, '', canonicalIn(next) ?? url);
    } catch {
      // Aborted by a newer keystroke or a submit; a network failure leaves the results as they were.
    } finally {
      if (state.controller === controller) {
        for (const part of document.querySelectorAll('[data-live-part]')) part.removeAttribute('aria-busy');
        input?.removeAttribute('aria-busy');
      }
    }
  }

  /** The page's own address for what it shows, when it names one (the search page does). */
  const canonicalIn = (doc) =>
    doc.querySelector('link[rel="canonical"][data-replace-url]')?.getAttribute('href') ?? null;

  // ---- Events --------------------------------------------------------------------------------
  document.addEventListener('input', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.hasAttribute('data-suggest')) {
      const state = comboOf(target);
      const form = target.form;
      clearTimeout(state.timer);
      if (form?.hasAttribute('data-live')) clearTimeout(liveOf(form).timer);
      state.timer = setTimeout(() => {
        void suggest(target, state);
        if (form?.hasAttribute('data-live')) void searchAsTyped(form);
      }, TYPING_DELAY_MS);
    }
    if (target instanceof HTMLInputElement && target.id) {
      for (const button of document.querySelectorAll(`button[data-step-for="${CSS.escape(target.id)}"]`))
        stepState(button);
    }
  });

  document.addEventListener('keydown', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-suggest')) return;
    const state = comboOf(input);
    const count = state.items.length;
    const open = state.open && count > 0;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      state.open = true;
      state.active = (state.active + 1) % count;
      render(input, state);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      state.open = true;
      state.active = state.active <= 0 ? count - 1 : state.active - 1;
      render(input, state);
    } else if (event.key === 'Enter' && open && state.active >= 0) {
      event.preventDefault();
      pick(input, state.items[state.active]);
    } else if (event.key === 'Escape' && open) {
      // Closes the list first; a second Escape clears the field as browsers do.
      event.preventDefault();
      closeSuggestions(input);
    }
  });

  // Pointer down would move focus out of the field and close the list before the click.
  document.addEventListener('pointerdown', (event) => {
    if (event.target instanceof Element && event.target.closest('[role="listbox"] [role="option"][data-value]')) {
      event.preventDefault();
    }
  });

  document.addEventListener('focusout', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.hasAttribute('data-suggest')) closeSuggestions(target);
    const group = target instanceof Element ? target.closest('[data-apply-on-leave]') : null;
    if (group && !(event.relatedTarget instanceof Node && group.contains(event.relatedTarget))) {
      const changed = [...group.querySelectorAll('input')].some(
        (field) => field.value.trim() !== field.defaultValue.trim(),
      );
      if (changed) group.closest('form')?.requestSubmit();
    }
  });

  document.addEventListener('change', (event) => {
    const target = event.target;
    const isChoice =
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio'));
    const form = isChoice ? target.form : null;
    if (!form?.hasAttribute('data-autosubmit') || !target.name) return;
    const by = form.dataset.autosubmit ? document.getElementById(form.dataset.autosubmit) : null;
    form.requestSubmit(by);
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    cancelLive(form);
    for (const input of form.querySelectorAll('[data-suggest]')) closeSuggestions(input);
  });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const option = target?.closest('[role="option"][data-value]');
    const list = option?.closest('[role="listbox"]');
    const input = list ? document.querySelector(`[data-suggest][aria-controls="${CSS.escape(list.id)}"]`) : null;
    if (option && input instanceof HTMLInputElement) {
      pick(input, option.dataset.value ?? '');
      return;
    }
    const near = target?.closest('button[data-near]');
    if (near instanceof HTMLButtonElement) {
      nearMe(near);
      return;
    }
    const step = target?.closest('button[data-step]');
    if (step instanceof HTMLButtonElement) {
      const field = document.getElementById(step.dataset.stepFor ?? '');
      if (!(field instanceof HTMLInputElement)) return;
      const { min, max } = bounds(field);
      // Thousandths, so 0,1 kg steps add up exactly (decision 0029); "1,5" and "1.5" both read.
      const milli = Math.round((readQuantity(field.value) ?? 0) * 1000);
      const next = Math.min(max * 1000, Math.max(min * 1000, milli + Math.round(Number(step.dataset.step) * 1000)));
      field.value = writeQuantity(next / 1000);
      for (const button of document.querySelectorAll(`button[data-step-for="${CSS.escape(field.id)}"]`))
        stepState(button);
    }
  });

  // ---- "Gần tôi" ------------------------------------------------------------------------------
  function nearMe(button) {
    const form = button.form;
    const error = document.getElementById(button.dataset.errorId ?? '');
    const label = button.querySelector('[data-label]');
    const say = (text) => {
      if (!error) return;
      error.textContent = text ?? '';
      error.hidden = !text;
    };
    say(null);
    if (!form) return;
    if (!('geolocation' in navigator)) {
      say(button.dataset.unsupported);
      return;
    }
    const idle = label?.textContent ?? '';
    button.disabled = true;
    if (label) label.textContent = button.dataset.locating ?? idle;
    // Asked only now, when the buyer pressed the button.
    navigator.geolocation.getCurrentPosition(
      (position) => {
        let near = form.querySelector('input[name="near"]');
        if (!near) {
          near = document.createElement('input');
          near.type = 'hidden';
          near.name = 'near';
          form.append(near);
        }
        // Two decimals, about 1 km: plenty for a distance, and the URL does not give away the house.
        near.value = `${position.coords.latitude.toFixed(2)},${position.coords.longitude.toFixed(2)}`;
        const sort = form.querySelector('select[name="sort"]');
        const distance = sort?.querySelector('option[value="distance"]');
        if (sort && distance) {
          distance.disabled = false;
          sort.value = 'distance';
        }
        form.requestSubmit();
      },
      (failure) => {
        button.disabled = false;
        if (label) label.textContent = idle;
        say(failure.code === failure.PERMISSION_DENIED ? button.dataset.denied : button.dataset.failed);
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  }

  // ---- − and + ----------------------------------------------------------------------------------
  function readQuantity(text) {
    const value = Number(String(text).trim().replace(',', '.'));
    return Number.isFinite(value) ? value : null;
  }
  function writeQuantity(value) {
    const text = String(Math.round(value * 1000) / 1000);
    return document.documentElement.lang === 'vi' ? text.replace('.', ',') : text;
  }
  function bounds(field) {
    return { min: Number(field.dataset.min ?? 1), max: Number(field.dataset.max ?? Number.MAX_SAFE_INTEGER) };
  }
  function stepState(button) {
    const field = document.getElementById(button.dataset.stepFor ?? '');
    if (!(field instanceof HTMLInputElement)) return;
    const { min, max } = bounds(field);
    const n = readQuantity(field.value) ?? 0;
    button.disabled = Number(button.dataset.step) < 0 ? n <= min : n >= max;
  }
  for (const button of document.querySelectorAll('button[data-step]')) stepState(button);

  // ---- A form submitted as typed ("30k", empty fields, the default sort) gets the page's own
  // address in the address bar, without a redirect; a reload or a shared link shows the same.
  const canonical = canonicalIn(document);
  if (canonical && canonical !== location.pathname + location.search)
    history.replaceState(history.state, '', canonical);

  // ---- Words typed before this script arrived (a slow phone) get their results -----------------
  for (const form of document.querySelectorAll('form[data-live]')) {
    const input = form.querySelector('[data-suggest]');
    const asked = new URLSearchParams(location.search).get('q') ?? '';
    if (input instanceof HTMLInputElement && input.value.trim() !== asked.trim()) {
      void searchAsTyped(form);
      if (document.activeElement === input) void suggest(input, comboOf(input));
    }
  }
})();
