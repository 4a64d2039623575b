import type { BootstrapSettings } from './types';

/**
 * This repository's Terraform Cloud choices. Change them here and re-deploy the bootstrap stack;
 * the workspaces follow.
 */
export const bootstrapSettings: BootstrapSettings = {
  terraformVersion: '1.12.2',
  execution: { mode: 'remote' },
  project: 'credential-rotation',
  stateWorkspace: 'credential-rotation-bootstrap',
  environments: {
    prod: { autoApply: false },
  },
};
