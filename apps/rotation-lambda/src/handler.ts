import { adapterFor } from '@credential-rotation/engine-adapters';
import { createRotationHandler } from './rotation-handler';

/**
 * The Lambda entry point (`index.handler` in the bundle): settings from the environment,
 * the real engine adapters, the Amazon RDS CA bundle. Built once per execution environment.
 */
export const handler = createRotationHandler({ adapterFor });
