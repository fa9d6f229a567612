export { freePort } from './ports.js';
export { defaultSpecPath, type PrismOptions, type PrismServer, startPrism } from './prism.js';
