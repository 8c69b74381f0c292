import { freePort } from "./free-port.js";

/** The five services, in start order (dependencies first). */
export const serviceNames = ["executor", "ledger", "selector", "critic", "router"] as const;

export type ServiceName = (typeof serviceNames)[number];

/** Every port the stack listens on. */
export interface StackPorts {
  readonly nats: number;
  readonly natsMonitor: number;
  readonly sim: number;
  readonly services: Readonly<Record<ServiceName, number>>;
  readonly metrics: Readonly<Record<ServiceName, number>>;
  /** The router's HTTP door (OpenAI and Anthropic APIs). */
  readonly http: number;
}

/** The documented local ports (README): router 50051 ... ledger 50055, HTTP door 8080, simulator 18080, NATS 4222. */
export const defaultPorts: StackPorts = {
  nats: 4222,
  natsMonitor: 8222,
  sim: 18080,
  services: { router: 50051, selector: 50052, executor: 50053, critic: 50054, ledger: 50055 },
  metrics: { router: 9091, selector: 9092, executor: 9093, critic: 9094, ledger: 9095 },
  http: 8080,
};

/** Free ports for every listener, so that several stacks (tests) can run side by side. */
export async function freePorts(): Promise<StackPorts> {
  const pick = async (): Promise<Record<ServiceName, number>> =>
    Object.fromEntries(await Promise.all(serviceNames.map(async (name) => [name, await freePort()] as const))) as Record<ServiceName, number>;
  return {
    nats: await freePort(),
    natsMonitor: await freePort(),
    sim: await freePort(),
    services: await pick(),
    metrics: await pick(),
    http: await freePort(),
  };
}

/** Base URL of a service's gRPC port. */
export function serviceUrl(ports: StackPorts, name: ServiceName): string {
  return `http://127.0.0.1:${ports.services[name]}`;
}
