// Suggestions for a search box as the buyer types (titles matching the words so far), fetched
// through the storefront's /api/v1/search/suggest, each request cancelled by the next. One class for
// every search box (the home page's and the search page's: issue 21), so both suggest alike.
import { fetchSuggestions } from './browser-ports.ts';

export const TYPING_DELAY_MS = 250;

export class SearchSuggestions {
  list = $state<string[]>([]);
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** The words typed so far: suggestions once typing pauses. */
  type(q: string): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.fetch(q), TYPING_DELAY_MS);
  }

  /** Suggestions for these words now (two letters at least); the words themselves are not suggested. */
  async fetch(q: string): Promise<void> {
    this.#controller?.abort();
    const words = q.trim();
    if (words.length < 2) {
      this.list = [];
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const found = await fetchSuggestions(words, controller.signal);
      if (!controller.signal.aborted) this.list = found.map((s) => s.text).filter((text) => text !== words);
    } catch {
      // Aborted: newer words (or a navigation) took over.
    }
  }

  /** Stops what is pending and empties the list. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.list = [];
  }
}
