import { create, createRegistry, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescFile, DescService, Registry } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { Health } from "@switchyard/contracts/grpc/health/v1/health_pb";
import type { ConnectRouter } from "@connectrpc/connect";
import {
  ErrorResponseSchema,
  FileDescriptorResponseSchema,
  ListServiceResponseSchema,
  ServerReflection,
  ServerReflectionRequestSchema,
  ServerReflectionResponseSchema,
} from "@switchyard/contracts/grpc/reflection/v1/reflection_pb";
import type { ServerReflectionRequest, ServerReflectionResponse } from "@switchyard/contracts/grpc/reflection/v1/reflection_pb";
import {
  ServerReflection as ServerReflectionV1Alpha,
  ServerReflectionRequestSchema as V1AlphaRequestSchema,
  ServerReflectionResponseSchema as V1AlphaResponseSchema,
} from "@switchyard/contracts/grpc/reflection/v1alpha/reflection_pb";

type Answer = ServerReflectionResponse["messageResponse"];

/** What the reflection service knows: the served services and every file they depend on. */
interface ReflectionIndex {
  readonly serviceNames: readonly string[];
  readonly filesByName: ReadonlyMap<string, DescFile>;
  readonly registry: Registry;
}

/**
 * Registers gRPC server reflection (v1 and v1alpha) for `services`, so grpcurl and
 * `buf curl` can list and call them without the proto files. No npm package offers this for
 * connect-node (connect-es issue #507); it is a thin layer over protobuf-es descriptors.
 */
export function registerReflection(router: ConnectRouter, services: readonly DescService[]): void {
  const index = buildIndex([...services, Health, ServerReflection]);
  router.service(ServerReflection, {
    serverReflectionInfo: (requests) => answerAll(index, requests),
  });
  router.service(ServerReflectionV1Alpha, {
    async *serverReflectionInfo(requests) {
      const asV1 = mapAsync(requests, (request) => fromBinary(ServerReflectionRequestSchema, toBinary(V1AlphaRequestSchema, request)));
      for await (const response of answerAll(index, asV1)) {
        yield fromBinary(V1AlphaResponseSchema, toBinary(ServerReflectionResponseSchema, response));
      }
    },
  });
}

async function* answerAll(index: ReflectionIndex, requests: AsyncIterable<ServerReflectionRequest>): AsyncIterable<ServerReflectionResponse> {
  for await (const request of requests) {
    yield create(ServerReflectionResponseSchema, {
      validHost: request.host,
      originalRequest: request,
      messageResponse: answer(index, request.messageRequest),
    });
  }
}

function answer(index: ReflectionIndex, question: ServerReflectionRequest["messageRequest"]): Answer {
  switch (question.case) {
    case "listServices":
      return {
        case: "listServicesResponse",
        value: create(ListServiceResponseSchema, { service: index.serviceNames.map((name) => ({ name })) }),
      };
    case "fileByFilename":
      return filesAnswer(index.filesByName.get(question.value), `file not found: ${question.value}`);
    case "fileContainingSymbol":
      return filesAnswer(fileOfSymbol(index.registry, question.value), `symbol not found: ${question.value}`);
    case "fileContainingExtension":
    case "allExtensionNumbersOfType":
      return errorAnswer(Code.Unimplemented, "extensions are not used by these services");
    default:
      return errorAnswer(Code.InvalidArgument, "empty reflection request");
  }
}

function filesAnswer(file: DescFile | undefined, notFound: string): Answer {
  if (!file) return errorAnswer(Code.NotFound, notFound);
  const fileDescriptorProto = withDependencies(file).map((each) => toBinary(FileDescriptorProtoSchema, each.proto));
  return { case: "fileDescriptorResponse", value: create(FileDescriptorResponseSchema, { fileDescriptorProto }) };
}

function errorAnswer(errorCode: Code, errorMessage: string): Answer {
  return { case: "errorResponse", value: create(ErrorResponseSchema, { errorCode, errorMessage }) };
}

function fileOfSymbol(registry: Registry, symbol: string): DescFile | undefined {
  const found = registry.get(symbol);
  if (found) return found.file;
  const owner = registry.getService(symbol.slice(0, symbol.lastIndexOf(".")));
  return owner?.methods.some((method) => `${owner.typeName}.${method.name}` === symbol) ? owner.file : undefined;
}

function buildIndex(services: readonly DescService[]): ReflectionIndex {
  const files = services.flatMap((service) => withDependencies(service.file));
  const filesByName = new Map(files.map((file) => [file.proto.name, file]));
  return {
    serviceNames: services.map((service) => service.typeName),
    filesByName,
    registry: createRegistry(...filesByName.values()),
  };
}

/** The file followed by everything it imports, transitively, each once. */
function withDependencies(file: DescFile, seen = new Set<string>()): DescFile[] {
  if (seen.has(file.proto.name)) return [];
  seen.add(file.proto.name);
  return [file, ...file.dependencies.flatMap((dependency) => withDependencies(dependency, seen))];
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncIterable<U> {
  for await (const value of source) yield map(value);
}
