export {
  type BrowserPage,
  chromiumPath,
  type HeadlessChromium,
  launchChromium,
} from './chromium.js';
export { freePort } from './ports.js';
export { defaultSpecPath, type PrismOptions, type PrismServer, startPrism } from './prism.js';
