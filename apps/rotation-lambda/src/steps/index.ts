export { createSecret } from './create-secret';
export { finishSecret } from './finish-secret';
export { setSecret } from './set-secret';
export { testSecret } from './test-secret';
