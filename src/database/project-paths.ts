import { resolve } from 'node:path';

/**
 * The repository root, found from this file: src/database/ when run by ts-jest or ts-node,
 * dist/database/ when built. Both sit two levels below the root.
 */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** True when running compiled JavaScript from dist/, false under ts-jest/ts-node. */
export const RUNNING_COMPILED = __filename.endsWith('.js');

export const TEMPLATES_DIR = resolve(PROJECT_ROOT, 'templates');
