// A single-page app: the server serves one fallback page and the browser renders every route.
export const ssr = false;
export const prerender = false;
