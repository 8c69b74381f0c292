export { callerKey, callerOf, createCallerInterceptor } from "./caller-auth.js";
export type { Caller, CallerAuthOptions, CallerPolicy, CallerProof } from "./caller-auth.js";
export { createCompletionInterceptor } from "./call-completion.js";
export type { CompletionListener } from "./call-completion.js";
export { commonEnvSchema, meshTokenEnv, parseEnv, requireMeshTokenInProduction } from "./env-config.js";
export type { CommonEnv } from "./env-config.js";
export { createErrorInterceptor, describeZodError, toConnectError } from "./errors.js";
export { errorDetailOf, errorReasonName, errorReasonOf, legacyErrorDomain, reasonDetails, retryAfterMsOf } from "./error-reason.js";
export type { OutgoingDetail, ReasonInit } from "./error-reason.js";
export { withCors } from "./cors-handler.js";
export type { CorsOptions } from "./cors-handler.js";
export { startDualProtocolListener } from "./dual-protocol-listener.js";
export type { DualProtocolHandler, DualProtocolListener } from "./dual-protocol-listener.js";
export { startGrpcServer } from "./grpc-server.js";
export type { GrpcServerOptions, RunningGrpcServer } from "./grpc-server.js";
export { HealthRegistry, livenessServiceName, registerHealth, ServingStatus } from "./health.js";
export { createLogger, redactedPaths } from "./logger.js";
export type { Logger, LoggerOptions } from "./logger.js";
export { createLoggingInterceptor } from "./logging-interceptor.js";
export { createServiceMetrics, startMetricsServer } from "./metrics.js";
export type { ServiceMetrics } from "./metrics.js";
export { csvColumns, csvField, eventToCsv } from "./cost-event-csv.js";
export { costOfTokens, formatUsd, nanoUsdPerUsd, parseUsd } from "./money.js";
export { addOrUpdateStream, connectNats, ensureCostStream } from "./nats-connection.js";
export type { CostStreamOptions, NatsLink, NatsLinkOptions } from "./nats-connection.js";
export { createBalancedTransport, isUndeliveredError } from "./balanced-transport.js";
export { createPeerClient, createPeerTransport, peerReadinessCheck } from "./peer-client.js";
export { PeerEndpoints } from "./peer-endpoints.js";
export type { PeerEndpointsOptions, ResolveHost } from "./peer-endpoints.js";
export { parsePeerTarget, peerTargetSchema } from "./peer-target.js";
export type { PeerTargetPart } from "./peer-target.js";
export { startReadinessLoop } from "./readiness.js";
export type { ReadinessCheck, ReadinessLoop, ReadinessOptions } from "./readiness.js";
export { registerReflection } from "./reflection.js";
export {
  createContextPropagationInterceptor,
  createRequestContextInterceptor,
  currentRequestContext,
  requestContextFromHeaders,
  requestHeaders,
  runWithRequestContext,
  serveInContext,
} from "./request-context.js";
export type { RequestContext } from "./request-context.js";
export { createServiceHost } from "./service-host.js";
export type { HostDeps, ListenOptions, RunningService, ServiceHost, ServiceHostOptions } from "./service-host.js";
export { runService } from "./service-lifecycle.js";
export type { StopFunction } from "./service-lifecycle.js";
export { createMeshTokenInterceptor, isTrustedMeshCall, meshTokenHeader } from "./mesh-trust.js";
export {
  alertStreamName,
  alertSubject,
  alertSubjects,
  costStreamName,
  costSubject,
  costSubjects,
  subjectTokenPattern,
  webhookDeadLetterStreamName,
  webhookDeadLetterSubject,
  webhookDeadLetterSubjects,
} from "./subjects.js";
export { isTimeZone, taskTypePattern } from "./config-fields.js";
export { resolveModelCapabilities } from "./model-capabilities.js";
export type { ModelCapabilities } from "./model-capabilities.js";
export {
  breakerConfigSchema,
  executorPolicySchema,
  modelCapabilitiesSchema,
  modelConfigSchema,
  modelLimitsSchema,
  priceConfigSchema,
  providerConfigSchema,
} from "./model-config.js";
export { routingConfigSchema } from "./routing-config.js";
export { apiKeyConfigSchema, budgetConfigSchema, ledgerConfigSchema, tenantConfigSchema, webhookConfigSchema } from "./tenant-config.js";
export { ConfigError, loadSwitchyardConfig, parseSwitchyardConfig, switchyardConfigSchema } from "./switchyard-config.js";
export type {
  BreakerConfig,
  BudgetConfig,
  ExecutorPolicy,
  ModelConfig,
  ModelLimits,
  ProviderConfig,
  ResolvedProvider,
  ResolvedSwitchyardConfig,
  RoutingConfig,
  SwitchyardConfig,
  SwitchyardConfigUse,
  TenantConfig,
} from "./switchyard-config.js";
export { createKeyDirectory, hashApiKey, presentedApiKey } from "./tenant-keys.js";
export type { KeyDirectory, Principal } from "./tenant-keys.js";
export { continueTrace, formatTraceparent, parseTraceparent } from "./trace-context.js";
export type { TraceContext } from "./trace-context.js";
export { chatRoles, validateConversation } from "./chat-validation.js";
export { validateGenerationParams } from "./generation-params-validation.js";
export type { ChatMessageLike, ChatRole } from "./chat-validation.js";
export { createClientTracingInterceptor, createServerTracingInterceptor } from "./tracing/rpc-tracing.js";
export { activeTraceparent, inSpan, markSpanFailed } from "./tracing/service-spans.js";
export type { ServiceSpanKind, ServiceSpanOptions } from "./tracing/service-spans.js";
export { startTracing } from "./tracing/tracing-setup.js";
export type { Tracing, TracingSettings } from "./tracing/tracing-setup.js";
export { tracingEnvSchema, tracingSettings } from "./tracing/tracing-env.js";
export type { TracingEnv } from "./tracing/tracing-env.js";
export type { Span as TraceSpan } from "@opentelemetry/api";
export { attemptsOfFailure, failedAttempts } from "./failed-attempts.js";
export { callExecutor } from "./executor-call.js";
export type { ExecutorCallOutcome, ExecutorGenerateClient } from "./executor-call.js";
export { mapBounded, runBounded } from "./map-bounded.js";
export { streamBounded } from "./stream-bounded.js";
