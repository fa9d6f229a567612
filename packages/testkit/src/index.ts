export {
  type CountingAnswer,
  type CountingApi,
  type CountingApiOptions,
  startCountingApi,
} from './counting-api.js';
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
export { freePort } from './ports.js';
export { defaultSpecPath, type PrismOptions, type PrismServer, startPrism } from './prism.js';
