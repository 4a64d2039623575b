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
  // The pipeline's team (its team token is the repository secret TF_API_TOKEN) plans and applies;
  // platform engineers may queue plans everywhere and, outside prod, apply with `cdktf deploy`.
  teamAccess: { 'credential-rotation-ci': 'write', 'platform-engineers': 'write' },
  environments: {
    prod: { autoApply: false, teamAccess: { 'platform-engineers': 'plan' } },
  },
};
