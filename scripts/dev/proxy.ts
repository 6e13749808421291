/**
 * The port `conduit dev` listens on, forwarding every request to whichever app process is current. A reload
 * starts the new app beside the old one and switches here once it listens, so no request meets a closed port
 * and a save that does not load leaves the previous app answering.
 */
import http from "node:http";
import { problem, PROBLEM_CONTENT_TYPE } from "../../src/runtime/problem.js";

export interface Upstream {
  readonly port: number;
}

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"];

export function createProxy(current: () => Upstream | undefined): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const upstream = current();
    if (upstream === undefined) return unavailable(res, "The app is not running: see the conduit dev output.");
    const forward = http.request(
      { host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers: withoutHopByHop(req.headers), agent },
      (answer) => {
        const headers = { ...answer.headers };
        // Hop-by-hop: this connection's own, not the answer's.
        for (const name of HOP_BY_HOP) delete headers[name];
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => {
      if (!res.headersSent) unavailable(res, "The app stopped while answering (it may be reloading): try again.");
      else res.destroy();
    });
    req.pipe(forward);
  });
  server.on("close", () => agent.destroy());
  return server;
}

function unavailable(res: http.ServerResponse, detail: string): void {
  res.writeHead(503, { "content-type": PROBLEM_CONTENT_TYPE, "retry-after": "1" });
  res.end(JSON.stringify(problem(503, detail)));
}

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete out[name];
  return out;
}
