export {
  type BrowserPage,
  chromiumPath,
  type HeadlessChromium,
  launchChromium,
} from './chromium.js';
export { type CommandResult, isolatedEnv, runCommand, tail } from './command.js';
export {
  type ConformanceProxy,
  type ConformanceProxyOptions,
  startConformanceProxy,
} from './conformance.js';
export {
  type ConsumerProject,
  type ConsumerProjectOptions,
  ConsumerStepError,
  createConsumerProject,
  type RunOptions,
} from './consumer-project.js';
export {
  type CountingAnswer,
  type CountingApi,
  type CountingApiOptions,
  startCountingApi,
} from './counting-api.js';
export { curlExamples } from './curl.js';
export {
  type CreatedCustomer,
  EXPIRED_TOKEN_REASON,
  type Fault,
  type FaultContext,
  type FaultPlan,
  type FaultServer,
  type FaultServerOptions,
  type FaultType,
  faultActs,
  faultFor,
  faultSequence,
  type RequestRecord,
  type Route,
  startFaultServer,
} from './fault-server.js';
export {
  type HttpServerOptions,
  type HttpTestServer,
  type RecordedRequest,
  type RequestHandler,
  startHttpServer,
} from './http-server.js';
export { publishAtVersion } from './local-publish.js';
export { type LoopbackServer, readBody, startLoopbackServer } from './loopback.js';
export { currentNode, installNode, type NodeRuntime } from './node-runtime.js';
export { type NpmRegistry, runNpm } from './npm.js';
export { loadOpenApi, type OpenApiNode, resolveRef } from './openapi.js';
export { type PackedFile, type PackedPackage, packWorkspacePackage } from './pack.js';
export { freePort } from './ports.js';
export {
  defaultSpecPath,
  type PrismOptions,
  type PrismProxyOptions,
  type PrismServer,
  startPrism,
  startPrismProxy,
} from './prism.js';
export {
  type LaunchOptions,
  type RunningServer,
  type ServerProcess,
  spawnNodeServer,
  waitUntilAnswering,
} from './server-process.js';
export { type Drift, type StandIn, startStandIn } from './stand-in.js';
export { startVerdaccio, type VerdaccioOptions, type VerdaccioServer } from './verdaccio.js';
export {
  describeViolations,
  type Exchange,
  formatViolation,
  type PrismViolation,
  parseViolationsHeader,
  type Violation,
} from './violations.js';
