import type * as http2 from "node:http2";
import { Http2SessionManager } from "@connectrpc/connect-node";

/** Connections that already have a listener for errors raised after the manager let go of them. */
const guarded = new WeakSet<http2.Http2Session>();

function dropLateError(): void {
  // The connection is gone and the manager has moved on: nobody is left to tell.
}

/**
 * connect-node's HTTP/2 session manager, except that a peer sending GOAWAY on a connection
 * with no call open cannot crash the process. connect-node 2.1 destroys such a connection
 * with an error that Node raises only after the socket has closed; when a new call has moved
 * the manager to a fresh connection in between, the manager no longer listens and the error
 * is an uncaught exception (connectrpc/connect-es#1768, open; the fix proposed in #1769 adds a
 * listener the same way). A draining executor (GOAWAY on SIGTERM) took a router down like this
 * in the cluster test. Every connection that carries a call gets a listener of its own; while
 * the manager listens it still gets every error.
 */
export class GoawaySafeSessionManager extends Http2SessionManager {
  override async request(...args: Parameters<Http2SessionManager["request"]>): Promise<http2.ClientHttp2Stream> {
    const stream = await super.request(...args);
    const session = stream.session;
    if (session && !guarded.has(session)) {
      guarded.add(session);
      session.on("error", dropLateError);
    }
    return stream;
  }
}
