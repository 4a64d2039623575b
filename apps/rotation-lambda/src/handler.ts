import { adapterFor } from '@credential-rotation/engine-adapters';
import { createRotationHandler } from './rotation-handler';

/**
 * The Lambda entry point (`index.handler` in the bundle): settings from the environment,
 * the real engine adapters, the Amazon RDS CA bundle. Built once per execution environment.
 * Loading this module loads no database driver: each adapter requires its own (`pg` or
 * `mysql2`) on its first connection, so a cold start pays only for the family it rotates.
 */
export const handler = createRotationHandler({ adapterFor });
