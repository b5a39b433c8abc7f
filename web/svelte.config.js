import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
  kit: {
    // precompress: every file of build/client also as .br and .gz (brotli at its best quality, once,
    // at build time), served by the adapter to browsers that accept them. Pages and API answers are
    // compressed as they are sent (hooks.server.ts, decision 0024).
    adapter: adapter({ out: 'build', precompress: true }),
    // SvelteKit's origin check on form posts stays on (the default; no trustedOrigins): a
    // cross-site POST with a form content type is answered 403 before any hook or action runs.
    // No external requests: everything the pages load comes from this origin. SvelteKit adds a
    // nonce to its own inline start-up script.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // Style attributes only (not <style> elements or scripts): SvelteKit's route announcer
        // for screen readers is hidden with one. Attribute styles cannot run code.
        'style-src-attr': ['unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    version: { pollInterval: 0 },
  },
};

export default config;
