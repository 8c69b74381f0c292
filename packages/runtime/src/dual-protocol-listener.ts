import { createServer as createHttp1Server } from "node:http";
import type { IncomingMessage, Server as Http1Server, ServerResponse } from "node:http";
import { createServer as createHttp2Server } from "node:http2";
import type { Http2Server, Http2ServerRequest, Http2ServerResponse, ServerHttp2Session } from "node:http2";
import { createServer as createNetServer } from "node:net";
import type { AddressInfo, Server as NetServer, Socket } from "node:net";

/** A request handler that serves both HTTP/1.1 and HTTP/2 (node's compatibility API). */
export type DualProtocolHandler = (request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse) => void;

/** One port speaking HTTP/1.1 and cleartext HTTP/2 (prior knowledge, as gRPC clients do). */
export interface DualProtocolListener {
  readonly port: number;
  /** Stops accepting, lets open requests finish; resolves when every connection has closed. */
  close(): Promise<void>;
  /** Cuts every connection that is still open (the end of a grace period). */
  destroyConnections(): void;
  /** Connections open now (for the grace-period log). */
  connectionCount(): number;
}

/** The HTTP/2 connection preface starts with these bytes; nothing in HTTP/1.x does. */
const http2Preface = "PRI";

/**
 * Listens on one port and hands each connection to an HTTP/2 or an HTTP/1.1 server by its first
 * bytes. Node 20's `http2.createServer({ allowHTTP1 })` falls back only under TLS, and the
 * Switchyard ports are cleartext; sniffing the preface gives curl, browsers (gRPC-Web, Connect)
 * and HTTP/1.1-only SDKs the same port as gRPC clients with prior knowledge.
 */
export async function startDualProtocolListener(handler: DualProtocolHandler, host: string, port: number): Promise<DualProtocolListener> {
  const http2 = createHttp2Server(handler);
  const http1 = createHttp1Server(handler);
  const sessions = trackSessions(http2);
  const sockets = new Set<Socket>();
  const undecided = new Set<Socket>();
  let closing = false;
  const net = createNetServer((socket) => {
    sockets.add(socket);
    undecided.add(socket);
    socket.once("close", () => sockets.delete(socket));
    dispatch(socket, http1, http2, () => undecided.delete(socket));
  });
  // While closing, a keep-alive connection is closed as soon as its last answer is sent.
  http1.on("request", (_request: IncomingMessage, response: ServerResponse) => {
    response.once("finish", () => closing && setImmediate(() => http1.closeIdleConnections()));
  });
  await listen(net, host, port);
  return {
    port: (net.address() as AddressInfo).port,
    connectionCount: () => sockets.size,
    close: () => {
      closing = true;
      for (const socket of undecided) socket.destroy();
      return closeListener(net, http1, sessions);
    },
    destroyConnections: () => {
      for (const session of sessions) session.destroy();
      http1.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    },
  };
}

function dispatch(socket: Socket, http1: Http1Server, http2: Http2Server, decided: () => void): void {
  socket.once("data", (first: Buffer) => {
    decided();
    socket.pause();
    socket.unshift(first);
    const target = first.subarray(0, http2Preface.length).toString("latin1") === http2Preface ? http2 : http1;
    target.emit("connection", socket);
    process.nextTick(() => socket.resume());
  });
}

function closeListener(net: NetServer, http1: Http1Server, sessions: Set<ServerHttp2Session>): Promise<void> {
  const closed = new Promise<void>((resolve) => net.close(() => resolve()));
  for (const session of sessions) session.close();
  http1.closeIdleConnections();
  return closed;
}

function trackSessions(server: Http2Server): Set<ServerHttp2Session> {
  const sessions = new Set<ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  return sessions;
}

function listen(server: NetServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
