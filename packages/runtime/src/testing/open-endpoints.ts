import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus } from "@switchyard/contracts/grpc/health/v1/health_pb";
import { ServerReflection, ServerReflectionRequestSchema } from "@switchyard/contracts/grpc/reflection/v1/reflection_pb";
import { meshTokenHeader } from "../mesh-trust.js";
import { requestHeaders } from "../request-context.js";

/**
 * What a caller without any credentials learns from a service's open endpoints: the liveness
 * status (grpc.health.v1) and the services listed by reflection. Tests of the caller guard use
 * it to show that probes and tooling keep working without the mesh token.
 */
export async function probeWithoutCredentials(url: string): Promise<{ readonly liveness: string; readonly services: readonly string[] }> {
  const transport = createGrpcTransport({ baseUrl: url });
  const health = await createClient(Health, transport).check({ service: "liveness" });
  async function* ask() {
    yield create(ServerReflectionRequestSchema, { messageRequest: { case: "listServices", value: "" } });
  }
  const services: string[] = [];
  for await (const answer of createClient(ServerReflection, transport).serverReflectionInfo(ask())) {
    if (answer.messageResponse.case === "listServicesResponse") services.push(...answer.messageResponse.value.service.map((service) => service.name));
  }
  return { liveness: HealthCheckResponse_ServingStatus[health.status], services };
}

/** Headers of a mesh peer vouching for `tenant`, with or without the mesh token. */
export function meshPeerHeaders(tenant: string, meshToken?: string): Record<string, string> {
  return { [requestHeaders.tenant]: tenant, ...(meshToken === undefined ? {} : { [meshTokenHeader]: meshToken }) };
}
