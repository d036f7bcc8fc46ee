// A small HTTP/1.1 client for the end-to-end benchmark: keep-alive sockets (one per
// concurrent client), JSON in and out, wall-clock timestamps with sub-millisecond precision.
import http from 'node:http';

/** Milliseconds since the epoch, sub-millisecond, comparable with PostgreSQL's timestamps. */
export function wallMs() {
  return performance.timeOrigin + performance.now();
}

export function httpClient({ sockets = 16, headers = () => ({}) } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const request = (method, url, body) =>
    new Promise((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const u = new URL(url);
      const req = http.request(
        {
          agent,
          method,
          hostname: u.hostname,
          port: u.port,
          path: `${u.pathname}${u.search}`,
          headers: {
            ...headers(method, url),
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = { unparsed: text.slice(0, 500) };
            }
            resolve({ status: res.statusCode, json });
          });
          res.on('error', (err) => resolve({ status: 0, json: { error: err.message } }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
      req.on('error', (err) => resolve({ status: 0, json: { error: err.message } }));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body),
    close: () => agent.destroy(),
  };
}

/** Runs `task(item)` over `items` with at most `concurrency` at a time; returns the results in order. */
export async function inParallel(items, concurrency, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i], i);
      }
    }),
  );
  return results;
}

/** The p-th percentile (0-100) of a list of numbers, nearest rank; null when empty. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
