// The search page's live results (decision 13): results follow the typing, fetched by the page
// through the storefront's /api/v1/search (debounced; each request cancelled by the next), and the
// URL follows with replaceState, so typing adds no history entries and never moves focus. Choices
// (chips, sort, stock, radius, submitting) are ordinary navigations, where the server load runs.
import { onMount } from 'svelte';
import { afterNavigate, beforeNavigate, goto, replaceState } from '$app/navigation';
import { browserPorts } from './browser-ports.ts';
import { type SearchFilters, searchHref } from './search-params.ts';
import { runSearch, type SearchOutcome } from './search-view.ts';
import { SearchSuggestions, TYPING_DELAY_MS } from './suggestions.svelte.ts';

/**
 * One per search page; create it while the component initialises (it registers the page's
 * navigation hooks). `readForm` reads the form as it stands, the way the server reads a submitted
 * form; `current` is the server's answer for the page's URL.
 */
export class LiveSearch {
  /** Results fetched while typing, shown over the server's answer until the next navigation. */
  live = $state<{ filters: SearchFilters; outcome: SearchOutcome } | null>(null);
  /** What is in the search box, while it differs from the URL's words. */
  typed = $state<string | null>(null);
  #suggestions = new SearchSuggestions();
  searching = $state(false);
  hydrated = $state(false);

  #readForm: () => SearchFilters;
  #serverQ: () => string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #search: AbortController | null = null;

  /** What the search box offers as the buyer types. */
  get suggestions(): string[] {
    return this.#suggestions.list;
  }

  constructor(readForm: () => SearchFilters, serverQ: () => string) {
    this.#readForm = readForm;
    this.#serverQ = serverQ;
    onMount(() => {
      this.hydrated = true;
      return () => this.cancel();
    });
    beforeNavigate(() => this.cancel());
    afterNavigate((navigation) => {
      this.live = null;
      this.#suggestions.clear();
      // Words typed while one of our own navigations was on its way are kept (their search
      // follows), and so are words typed before the script arrived (the page load itself,
      // 'enter'); anything else (back, a link) shows what the URL says.
      if (navigation.type === 'enter') return;
      if (navigation.type !== 'goto' || this.typed?.trim() === this.#serverQ()) this.typed = null;
    });
  }

  /** Stops the pending keystroke's search and suggestions. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#search?.abort();
    this.#suggestions.clear();
    this.searching = false;
  }

  /** A keystroke in the search box: search and suggest once typing pauses. */
  type(value: string): void {
    this.typed = value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.#searchAsTyped();
      void this.#suggestions.fetch(value);
    }, TYPING_DELAY_MS);
  }

  /** A suggestion chosen: searched for at once, as a navigation. */
  pick(text: string): void {
    this.typed = text;
    this.commit({ ...this.#readForm(), q: text, page: 1 }, false);
  }

  /** Goes to the search for `next` (a history entry; the server load runs). */
  commit(next: SearchFilters, keepFocus: boolean): void {
    this.cancel();
    void goto(searchHref(next), { keepFocus, noScroll: true });
  }

  async #searchAsTyped(): Promise<void> {
    this.#search?.abort();
    const controller = new AbortController();
    this.#search = controller;
    const next = this.#readForm();
    this.searching = true;
    try {
      const outcome = await runSearch(next, browserPorts(controller.signal));
      if (controller.signal.aborted) return;
      this.live = { filters: next, outcome };
      replaceState(searchHref(next), {});
    } catch {
      // Aborted: a newer keystroke (or a navigation) took over.
    } finally {
      if (this.#search === controller) this.searching = false;
    }
  }
}
