export { MockProviderExecutor } from "./mock-provider-executor.js";
export type { MockBehaviour, MockProviderExecutorSettings } from "./mock-provider-executor.js";
