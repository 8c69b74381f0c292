import { join } from "node:path";
import { credentials, loadPackageDefinition, Metadata } from "@grpc/grpc-js";
import type { ServiceError } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";

/** The repository's proto directory: the independent client reads the contracts from source. */
export const protoDir = join(import.meta.dirname, "../../../../proto");

const definition = loadSync(
  [
    "switchyard/v1/router.proto",
    "switchyard/v1/ledger.proto",
    "switchyard/v1/executor.proto",
    "switchyard/v1/critic.proto",
    "switchyard/v1/selector.proto",
    "grpc/health/v1/health.proto",
  ],
  { includeDirs: [protoDir], longs: String, enums: String, defaults: true, oneofs: true },
);
const loaded = loadPackageDefinition(definition) as unknown as {
  switchyard: { v1: Record<string, GrpcConstructor> };
  grpc: { health: { v1: Record<string, GrpcConstructor> } };
};

type GrpcConstructor = new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => GrpcClient;
type Callback = (error: ServiceError | null, response: unknown) => void;
interface GrpcClient {
  [method: string]: unknown;
  close(): void;
}

/** A promise-returning unary caller over a @grpc/grpc-js client built from the .proto files. */
export interface UnaryCaller {
  call<T = Record<string, unknown>>(method: string, request: object, options?: { metadata?: Record<string, string>; deadlineMs?: number }): Promise<T>;
  close(): void;
}

/**
 * A grpc-js client of `service` ("switchyard.v1.RouterService", "grpc.health.v1.Health", ...);
 * `defaults` is metadata sent on every call (e.g. the mesh token for an internal service).
 */
export function grpcJsClient(service: string, address: string, defaults: Readonly<Record<string, string>> = {}): UnaryCaller {
  const parts = service.split(".");
  const name = parts.pop()!;
  const namespace = parts.reduce<Record<string, unknown>>((node, part) => node[part] as Record<string, unknown>, loaded as unknown as Record<string, unknown>);
  const Constructor = namespace[name] as GrpcConstructor;
  const client = new Constructor(address.replace(/^http:\/\//, ""), credentials.createInsecure());
  return {
    call<T>(method: string, request: object, options: { metadata?: Record<string, string>; deadlineMs?: number } = {}) {
      const metadata = new Metadata();
      for (const [key, value] of Object.entries({ ...defaults, ...options.metadata })) metadata.set(key, value);
      const deadline = new Date(Date.now() + (options.deadlineMs ?? 30_000));
      const invoke = client[method] as (request: object, metadata: Metadata, options: { deadline: Date }, callback: Callback) => void;
      return new Promise<T>((resolve, reject) => {
        invoke.call(client, request, metadata, { deadline }, (error, response) => (error ? reject(decodeDetails(error)) : resolve(response as T)));
      });
    },
    close: () => client.close(),
  };
}

/**
 * connect-node percent-encodes grpc-message as the gRPC spec allows, and grpc-js decodes it
 * with decodeURI, which leaves reserved characters such as ":" encoded; finish the job.
 */
function decodeDetails(error: ServiceError): ServiceError {
  try {
    error.details = decodeURIComponent(error.details);
  } catch {
    // leave details as they came
  }
  return error;
}
