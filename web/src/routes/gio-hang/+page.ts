// Server-rendered only, without SvelteKit's client: the cart on a slow phone. Its forms are plain
// forms; web/static/enhance.js saves a hand-over choice as soon as it is tapped (decision 28).
export const csr = false;
