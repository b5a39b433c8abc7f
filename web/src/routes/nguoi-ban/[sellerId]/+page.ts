// Server-rendered only, without SvelteKit's client: a storefront read page for slow phones. Its forms
// are plain forms; web/static/enhance.js adds what needs JavaScript (decision 28).
export const csr = false;
