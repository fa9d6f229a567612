export {
  type BrowserPage,
  chromiumPath,
  type HeadlessChromium,
  launchChromium,
} from './chromium.js';
export {
  type ConformanceProxy,
  type ConformanceProxyOptions,
  startConformanceProxy,
} from './conformance.js';
export { curlExamples } from './curl.js';
export {
  type HttpServerOptions,
  type HttpTestServer,
  type RecordedRequest,
  type RequestHandler,
  startHttpServer,
} from './http-server.js';
export { type LoopbackServer, readBody, startLoopbackServer } from './loopback.js';
export { loadOpenApi, type OpenApiNode, resolveRef } from './openapi.js';
export { freePort } from './ports.js';
export {
  defaultSpecPath,
  type PrismOptions,
  type PrismProxyOptions,
  type PrismServer,
  startPrism,
  startPrismProxy,
} from './prism.js';
export { type Drift, type StandIn, startStandIn } from './stand-in.js';
export {
  describeViolations,
  type Exchange,
  formatViolation,
  type PrismViolation,
  parseViolationsHeader,
  type Violation,
} from './violations.js';
