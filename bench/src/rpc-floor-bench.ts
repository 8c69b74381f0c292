// `npm run bench:rpc-floor`: the cost of one bare connect-node RPC on this machine, the floor
// under every hop the stack adds. One process serves an empty-handler health check over h2c
// (HTTP/2) and HTTP/1.1 and calls it sequentially with each transport the services could use;
// it prints latency per call and CPU per call (client and server together). Prints figures,
// asserts nothing.
import { createServer as createHttp1Server } from "node:http";
import type { Server } from "node:http";
import { createServer as createHttp2Server } from "node:http2";
import type { Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import type { ConnectRouter, Transport } from "@connectrpc/connect";
import { connectNodeAdapter, createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus, HealthCheckResponseSchema, HealthListResponseSchema } from "@switchyard/contracts/grpc/health/v1/health_pb";
import { median } from "./latency-stats.js";

const rounds = 5;
const callsPerRound = 3_000;

function routes(router: ConnectRouter): void {
  router.service(Health, {
    check: () => create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING }),
    list: () => create(HealthListResponseSchema),
    async *watch() {},
  });
}

async function listening<T extends Server | Http2Server>(server: T): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Median over rounds of latency and CPU microseconds per sequential call. */
async function measure(transport: Transport): Promise<{ latencyUs: number; cpuUs: number }> {
  const client = createClient(Health, transport);
  for (let call = 0; call < 500; call += 1) await client.check({});
  const latencies: number[] = [];
  const cpus: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let call = 0; call < callsPerRound; call += 1) await client.check({});
    latencies.push(((performance.now() - started) * 1000) / callsPerRound);
    const cpu = process.cpuUsage(cpuBefore);
    cpus.push((cpu.user + cpu.system) / callsPerRound);
  }
  return { latencyUs: median(latencies), cpuUs: median(cpus) };
}

const http2Server = createHttp2Server(connectNodeAdapter({ routes }));
const http1Server = createHttp1Server(connectNodeAdapter({ routes }));
try {
  const http2Url = await listening(http2Server);
  const http1Url = await listening(http1Server);
  const transports: Record<string, Transport> = {
    "gRPC, HTTP/2": createGrpcTransport({ baseUrl: http2Url }),
    "Connect binary, HTTP/2 (between services)": createConnectTransport({ baseUrl: http2Url, httpVersion: "2", useBinaryFormat: true }),
    "Connect binary, HTTP/1.1": createConnectTransport({ baseUrl: http1Url, httpVersion: "1.1", useBinaryFormat: true }),
  };
  console.log(
    `one bare connect-node RPC (empty health check), client and server in one process; ${rounds} rounds x ${callsPerRound} sequential calls, medians`,
  );
  console.log("transport                                    latency us/call   CPU us/call");
  for (const [name, transport] of Object.entries(transports)) {
    const { latencyUs, cpuUs } = await measure(transport);
    console.log(`${name.padEnd(44)} ${latencyUs.toFixed(0).padStart(15)} ${cpuUs.toFixed(0).padStart(13)}`);
  }
} finally {
  http2Server.close();
  http1Server.close();
}
process.exit(0);
