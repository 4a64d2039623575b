export * from './actors';
export * from './break-glass';
export * from './guardrails';
export * from './people';
export * from './scenario';
export * from './seed-control';
export * from './workloads';
export * from './all-scenarios';
