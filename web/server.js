// The storefront's server: adapter-node's request handler (build/handler.js) in a Node HTTP server
// that knows the connection's scheme. Run by `pnpm start` and the browser tests, after `pnpm build`.
//
// Why not build/index.js as it is: without ORIGIN, adapter-node takes the host from the request but
// assumes https unless a header names the scheme. Opened at http://127.0.0.1:3000 or from a phone at
// http://192.168.1.20:3000, every page then thought it was https, SvelteKit's form check compared
// "https://…" with the browser's "http://…" Origin and refused every form (issue 21). Here, when
// ORIGIN is not set, the scheme is the connection's own (TLS or not), written into a header of ours
// that the visitor cannot choose (it is overwritten on every request). With ORIGIN set (production
// behind a proxy), or PROTOCOL_HEADER naming the proxy's header, nothing is changed.
import http from 'node:http';
import process from 'node:process';

const SCHEME_HEADER = 'x-nongsan-connection-scheme';
const schemeFromConnection = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
// Read by the handler when it is first imported: set before the import below.
if (schemeFromConnection) process.env.PROTOCOL_HEADER = SCHEME_HEADER;

const { handler } = await import('./build/handler.js');

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT || 30);

const server = http.createServer((req, res) => {
  if (schemeFromConnection)
    req.headers[SCHEME_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});

server.listen(port, host, () => {
  console.log(`Listening on http://${host}:${port}`);
});

// As adapter-node's own server: stop taking connections, let requests in flight finish, then go.
let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  server.closeIdleConnections();
  server.close(() => process.exit(0));
  setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
