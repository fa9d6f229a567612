import { describe, expect, it } from 'vitest';
import { ConsumerStepError, isolatedEnv } from '../src/index.js';

describe('ConsumerStepError', () => {
  it('names the project, the Node version and the step', () => {
    const error = new ConsumerStepError(
      'esm-node16',
      'v24.1.0',
      'run',
      'node dist/main.js exited 1',
    );
    expect(error.message).toBe(
      'esm-node16 on Node v24.1.0, step "run" failed: node dist/main.js exited 1',
    );
    expect(error).toMatchObject({ project: 'esm-node16', nodeVersion: 'v24.1.0', step: 'run' });
  });
});

describe('isolatedEnv', () => {
  it('drops inherited npm settings and client settings, and keeps the rest', () => {
    process.env.npm_config_registry = 'http://127.0.0.1:1/';
    process.env.DIGITALPAYE_BASE_URL = 'http://127.0.0.1:2';
    try {
      const env = isolatedEnv({ CONSUMER_BASE_URL: 'http://127.0.0.1:3' });
      expect(env.npm_config_registry).toBeUndefined();
      expect(env.DIGITALPAYE_BASE_URL).toBeUndefined();
      expect(env.PATH).toBe(process.env.PATH);
      expect(env.CONSUMER_BASE_URL).toBe('http://127.0.0.1:3');
    } finally {
      delete process.env.npm_config_registry;
      delete process.env.DIGITALPAYE_BASE_URL;
    }
  });
});
