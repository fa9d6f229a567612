export { type CommandResult, isolatedEnv, runCommand, tail } from './command.js';
export {
  type ConsumerProject,
  type ConsumerProjectOptions,
  ConsumerStepError,
  createConsumerProject,
  type RunOptions,
} from './consumer-project.js';
export { publishAtVersion } from './local-publish.js';
export { currentNode, installNode, type NodeRuntime } from './node-runtime.js';
export { type NpmRegistry, runNpm } from './npm.js';
export { type PackedFile, type PackedPackage, packWorkspacePackage } from './pack.js';
export { freePort } from './ports.js';
export { defaultSpecPath, type PrismOptions, type PrismServer, startPrism } from './prism.js';
export {
  type LaunchOptions,
  type RunningServer,
  type ServerProcess,
  spawnNodeServer,
  waitUntilAnswering,
} from './server-process.js';
export { startVerdaccio, type VerdaccioOptions, type VerdaccioServer } from './verdaccio.js';
