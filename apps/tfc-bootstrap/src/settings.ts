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
  // The pipeline's teams (their team tokens are the TF_API_TOKEN secrets of the terraform-apply and
  // terraform-preview GitHub environments): one applies, one only plans pull-request previews.
  // Platform engineers plan and apply with `cdktf deploy` outside prod.
  teamAccess: {
    'credential-rotation-ci': 'write',
    'credential-rotation-preview': 'plan',
    'platform-engineers': 'write',
  },
  environments: {
    // `read` on prod: runs and state, but no plans of their own. Plans run as the plan roles, which
    // read no secret value, but until those plans succeed (docs/delivery/deploying.md, "Plan and
    // apply roles") prod plans come from reviewed pull-request previews only.
    prod: { autoApply: false, teamAccess: { 'platform-engineers': 'read' } },
  },
};
