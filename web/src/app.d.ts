import type { Me } from '@nongsan/contracts';
import type { Locale } from '$lib/i18n/index.ts';
import type { Api } from '$lib/server/api.ts';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Quoted by a person reporting the problem; matches the server log line. */
      errorId?: string;
    }
    interface Locals {
      /** The API session token from our HttpOnly cookie; never sent to the page. */
      token: string | null;
      locale: Locale;
      /** The API client for this request, with the token and the visitor's address. */
      api: Api;
      /** Who is signed in: fetched from GET /me on first read, once per request. */
      readonly me: Promise<Me | null>;
    }
    interface PageData {
      locale: Locale;
    }
  }
}
